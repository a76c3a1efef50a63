//! `#[derive(FromJson)]`: makes a struct with named fields and `Default` readable by the
//! console's JSON reader (`src/base/json.rs`), so a model declares its fields once.
//!
//! Every field is read from the member of its name; other members are skipped, and a missing
//! or `null` member leaves the field's default. The struct also gets
//! `pub fn read_member(&mut self, r, name)`, to read one member into it (for objects that
//! embed it). The generated code names `crate::base::json`: the derive is for the console only.
//!
//! Attributes, on fields:
//! - `#[serde(rename = "type")]` (or `rename(deserialize = "type")`): the member's name, for
//!   reading and, through serde, for writing;
//! - `#[json(rename = "type")]`: the member's name for reading only (wins over serde's);
//! - `#[serde(skip)]`, `#[serde(skip_deserializing)]`: not read (serde does not read it either);
//! - `#[json(skip)]`: not read, but still written by `Serialize`. The way to give a model a
//!   field of the console's own, which no JSON sets;
//! - `#[serde(default)]`: allowed, changes nothing (missing and `null` already read as default);
//! - `#[serde(skip_serializing, skip_serializing_if, serialize_with)]`: writing only, ignored.
//!
//! On the struct, `#[serde(default)]` and `#[serde(rename = "...")]` are allowed. Any other serde
//! attribute is a compile error: it would change what serde reads (`rename_all`, `flatten`,
//! `alias`, `default = "..."`...) and this reader would silently differ.
//!
//! `serde` is declared as a helper attribute here too, so that a struct that only derives
//! `FromJson` may carry it.

use proc_macro::TokenStream;
use proc_macro2::TokenStream as TokenStream2;
use quote::quote;
use syn::ext::IdentExt;
use syn::meta::ParseNestedMeta;
use syn::{Data, DeriveInput, Error, Field, Fields, LitStr, Result, Token};

#[proc_macro_derive(FromJson, attributes(json, serde))]
pub fn derive_from_json(input: TokenStream) -> TokenStream {
    let input = syn::parse_macro_input!(input as DeriveInput);
    expand(&input)
        .unwrap_or_else(Error::into_compile_error)
        .into()
}

fn expand(input: &DeriveInput) -> Result<TokenStream2> {
    check_struct_attrs(input)?;
    let fields = match &input.data {
        Data::Struct(s) => match &s.fields {
            Fields::Named(named) => &named.named,
            _ => return Err(Error::new_spanned(&s.fields, "FromJson needs named fields")),
        },
        _ => {
            return Err(Error::new_spanned(
                input,
                "FromJson is derived for structs only",
            ))
        }
    };
    let mut names: Vec<String> = Vec::new();
    let mut arms = Vec::new();
    for field in fields {
        let Some(name) = member_name(field)? else {
            continue;
        };
        if names.contains(&name.value()) {
            return Err(Error::new(
                name.span(),
                format!("two fields read the member `{}`", name.value()),
            ));
        }
        names.push(name.value());
        let ident = &field.ident;
        arms.push(quote! {
            #name => self.#ident = crate::base::json::FromJson::from_json(r)?,
        });
    }
    let ty = &input.ident;
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    Ok(quote! {
        impl #impl_generics #ty #ty_generics #where_clause {
            /// Reads the member `name` into its field; skips a member it has no field for.
            pub fn read_member(
                &mut self,
                r: &mut crate::base::json::Reader<'_>,
                name: &str,
            ) -> crate::base::json::Result<()> {
                match name {
                    #(#arms)*
                    _ => r.skip()?,
                }
                Ok(())
            }
        }

        impl #impl_generics crate::base::json::FromJson for #ty #ty_generics #where_clause {
            fn from_json(
                r: &mut crate::base::json::Reader<'_>,
            ) -> crate::base::json::Result<Self> {
                let mut value = <Self as ::core::default::Default>::default();
                r.fields(&mut |r, name| value.read_member(r, name))?;
                Ok(value)
            }
        }
    })
}

/// The member a field is read from, or `None` for a field that is not read.
fn member_name(field: &Field) -> Result<Option<LitStr>> {
    let ident = field.ident.as_ref().expect("a named field");
    let (mut serde_name, mut json_name, mut skip) = (None, None, false);
    for attr in &field.attrs {
        if attr.path().is_ident("serde") {
            attr.parse_nested_meta(|meta| {
                let key = key_of(&meta);
                match key.as_str() {
                    "rename" if meta.input.peek(Token![=]) => {
                        serde_name = Some(meta.value()?.parse()?);
                    }
                    "rename" => meta.parse_nested_meta(|inner| {
                        let name: LitStr = inner.value()?.parse()?;
                        match key_of(&inner).as_str() {
                            "deserialize" => serde_name = Some(name),
                            "serialize" => {}
                            _ => return Err(inner.error("expected `serialize` or `deserialize`")),
                        }
                        Ok(())
                    })?,
                    "skip" | "skip_deserializing" => skip = true,
                    "default" if !meta.input.peek(Token![=]) => {}
                    "skip_serializing" | "skip_serializing_if" | "serialize_with" => {
                        if meta.input.peek(Token![=]) {
                            meta.value()?.parse::<LitStr>()?;
                        }
                    }
                    _ => return Err(unsupported(&meta, &key)),
                }
                Ok(())
            })?;
        } else if attr.path().is_ident("json") {
            attr.parse_nested_meta(|meta| {
                match key_of(&meta).as_str() {
                    "rename" => json_name = Some(meta.value()?.parse()?),
                    "skip" => skip = true,
                    _ => {
                        return Err(meta.error("expected `json(rename = \"...\")` or `json(skip)`"))
                    }
                }
                Ok(())
            })?;
        }
    }
    if skip {
        return Ok(None);
    }
    let name = json_name.or(serde_name);
    Ok(Some(name.unwrap_or_else(|| {
        LitStr::new(&ident.unraw().to_string(), ident.span())
    })))
}

fn check_struct_attrs(input: &DeriveInput) -> Result<()> {
    for attr in &input.attrs {
        if attr.path().is_ident("serde") {
            attr.parse_nested_meta(|meta| {
                let key = key_of(&meta);
                match key.as_str() {
                    "default" if !meta.input.peek(Token![=]) => Ok(()),
                    "rename" if meta.input.peek(Token![=]) => {
                        meta.value()?.parse::<LitStr>().map(drop)
                    }
                    _ => Err(unsupported(&meta, &key)),
                }
            })?;
        } else if attr.path().is_ident("json") {
            return Err(Error::new_spanned(attr, "`json(...)` goes on fields"));
        }
    }
    Ok(())
}

fn key_of(meta: &ParseNestedMeta) -> String {
    meta.path
        .get_ident()
        .map(|i| i.to_string())
        .unwrap_or_default()
}

fn unsupported(meta: &ParseNestedMeta, key: &str) -> Error {
    meta.error(format!(
        "FromJson does not support `serde({key}...)` here: the console's reader would differ \
         from serde (use `json(rename = \"...\")` or `json(skip)`, or extend netbird-json-derive)"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use syn::parse_quote;

    fn expanded(input: DeriveInput) -> String {
        expand(&input).unwrap().to_string()
    }

    fn error(input: DeriveInput) -> String {
        expand(&input).unwrap_err().to_string()
    }

    #[test]
    fn every_field_is_read_under_its_name() {
        let out = expanded(parse_quote! {
            struct Thing {
                id: String,
                #[serde(rename = "type")]
                kind: String,
                #[serde(rename(serialize = "s", deserialize = "d"))]
                both: u64,
                #[json(rename = "on")]
                #[serde(rename = "written")]
                switch: bool,
                r#loop: bool,
                #[serde(default, skip_serializing_if = "Vec::is_empty")]
                tags: Vec<String>,
                #[serde(skip)]
                a: u32,
                #[serde(skip_deserializing)]
                b: u32,
                #[json(skip)]
                c: u32,
            }
        });
        for arm in [
            "\"id\" => self . id",
            "\"type\" => self . kind",
            "\"d\" => self . both",
            "\"on\" => self . switch",
            "\"loop\" => self . r#loop",
            "\"tags\" => self . tags",
        ] {
            assert!(out.contains(arm), "{arm} in {out}");
        }
        for skipped in ["self . a ", "self . b ", "self . c "] {
            assert!(!out.contains(skipped), "{skipped} in {out}");
        }
        assert!(out.contains("pub fn read_member"));
        assert!(out.contains("impl crate :: base :: json :: FromJson for Thing"));
    }

    #[test]
    fn generics_are_kept() {
        let out = expanded(parse_quote! {
            struct Page<T: Default> where T: Clone { items: Vec<T> }
        });
        assert!(out.contains("FromJson for Page < T >"), "{out}");
    }

    #[test]
    fn what_would_differ_from_serde_is_refused() {
        for (input, message) in [
            (
                parse_quote! { #[serde(rename_all = "camelCase")] struct A { a: u8 } },
                "serde(rename_all",
            ),
            (
                parse_quote! { struct A { #[serde(alias = "b")] a: u8 } },
                "serde(alias",
            ),
            (
                parse_quote! { struct A { #[serde(flatten)] a: B } },
                "serde(flatten",
            ),
            (
                parse_quote! { struct A { #[serde(default = "one")] a: u8 } },
                "serde(default",
            ),
            (
                parse_quote! { struct A { #[json(name = "b")] a: u8 } },
                "expected `json(rename",
            ),
            (
                parse_quote! { struct A { a: u8, #[serde(rename = "a")] b: u8 } },
                "two fields read the member `a`",
            ),
            (parse_quote! { struct A(u8); }, "named fields"),
            (parse_quote! { enum A { B } }, "structs only"),
        ] {
            let e = error(input);
            assert!(e.contains(message), "{message} in {e}");
        }
    }
}
