//! The posture checks table: a row per check, what it checks and the policies using it. Pure.

use super::validation::{summary, used_by};
use super::PostureCheck;
use crate::base::listing::{Cell, Column, Row};
use crate::resources::Policy;

pub const POSTURE_CHECK_COLUMNS: &[Column] = &[
    Column::new("name", "Name"),
    Column::new("checks", "Checks"),
    Column::new("policies", "Used by"),
];

pub fn posture_check_row(c: &PostureCheck, policies: &[Policy]) -> Row {
    let users: Vec<&str> = used_by(&c.id, policies)
        .into_iter()
        .map(|p| p.name.as_str())
        .collect();
    let cells = vec![
        Cell::text(&c.name).strong().with_sub(c.description.clone()),
        Cell::text(summary(c).join(" · ")),
        Cell::text(users.join(", ")),
    ];
    Row::new(&c.id, cells, &[])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::resources::posture_check::{Checks, MinVersion};

    #[test]
    fn a_row_names_its_checks_and_policies() {
        let c = PostureCheck {
            id: "pc1".into(),
            name: "Recent clients".into(),
            checks: Checks {
                nb_version_check: Some(MinVersion {
                    min_version: "0.28.0".into(),
                }),
                ..Checks::default()
            },
            ..PostureCheck::default()
        };
        let p = Policy {
            id: "p1".into(),
            name: "ssh".into(),
            source_posture_checks: vec!["pc1".into()],
            ..Policy::default()
        };
        let other = Policy {
            id: "p2".into(),
            name: "web".into(),
            ..Policy::default()
        };
        let row = posture_check_row(&c, &[p, other]);
        assert_eq!(row.cells[0].text, "Recent clients");
        assert!(
            row.cells[1].text.contains("0.28.0"),
            "{}",
            row.cells[1].text
        );
        assert_eq!(row.cells[2].text, "ssh");
    }
}
