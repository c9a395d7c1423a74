//! The year columns on the three 万里 budgets imported from their PDFs: opened on 2025 vs 2024,
//! every code with both years, `w` to 2024 vs 2023, the selected code's series, snapshots.

use crate::common::*;
use ratatui::crossterm::event::KeyCode;
use yusuan::tui::app::{App, Options};

fn wanli_app(test: &str) -> Option<App> {
    let c = wanli::collection(test)?;
    Some(App::from_collection(
        c,
        Options {
            color: false,
            ..Options::default()
        },
    ))
}

#[test]
fn opens_on_2025_against_2024_and_switches_to_2024_against_2023() {
    let Some(mut a) = wanli_app("years_open") else {
        return;
    };
    assert!(a.years.on, "the year columns are on from the start");
    assert_eq!(a.doc().fiscal_year, 2025);
    let text = draw(&mut a, 160, 50);
    let header = text.lines().next().unwrap_or_default();
    assert!(header.contains("2024 对比 2025"), "{header}");
    assert!(text.contains("212 城乡社区支出"), "{text}");
    press(&mut a, "w");
    let text = draw(&mut a, 160, 50);
    let header = text.lines().next().unwrap_or_default();
    assert!(header.contains("2023 对比 2024"), "{header}");
    press(&mut a, "ww");
    let header = draw(&mut a, 160, 50);
    assert!(header.contains("2024 对比 2025"), "{header}");
}

#[test]
fn every_code_of_either_year_has_a_row_with_both_years() {
    let Some(mut a) = wanli_app("years_rows") else {
        return;
    };
    press(&mut a, "e");
    let (_, years, state) = a.shown_years().expect("years shown");
    let shown: Vec<&str> = state
        .rows
        .iter()
        .map(|r| years.nodes[r.node].code.as_str())
        .collect();
    for (i, n) in years.nodes.iter().enumerate().skip(1) {
        assert!(shown.contains(&n.code.as_str()), "{} not shown", n.code);
        let _ = i;
    }
    let text = draw(&mut a, 160, 200);
    // 2120101 行政运行 with 2024 and 2025 printed, in 元 as the tables print.
    let row = text
        .lines()
        .find(|l| l.contains("2120101 行政运行"))
        .expect("2120101 row");
    for figure in ["16,603,248", "17,887,739", "+1,284,491", "+7.74%"] {
        assert!(row.contains(figure), "{figure} not in {row:?}");
    }
}

#[test]
fn the_selected_code_draws_its_three_year_series() {
    let Some(mut a) = wanli_app("years_series") else {
        return;
    };
    press(&mut a, "/2120101");
    a.update(key(KeyCode::Enter));
    let (_, years, state) = a.shown_years().expect("years shown");
    assert_eq!(years.nodes[state.selected].code, "2120101");
    let text = draw(&mut a, 160, 50);
    for (year, figure) in [
        ("2023", "18,373,632"),
        ("2024", "16,603,248"),
        ("2025", "17,887,739"),
    ] {
        let line = text
            .lines()
            .find(|l| l.starts_with(year) && l.contains('█'))
            .unwrap_or_else(|| panic!("no bar for {year}\n{text}"));
        assert!(line.trim_end().ends_with(figure), "{line}");
    }
    // The unit key converts exactly: 1,837.3632 万元.
    press(&mut a, "u");
    let text = draw(&mut a, 160, 50);
    assert!(text.contains("1,837.3632"), "{text}");
    assert!(text.lines().next().unwrap_or_default().contains("万元"));
}

#[test]
fn year_columns_at_both_sizes() {
    let Some(mut a) = wanli_app("years_snap") else {
        return;
    };
    for (w, h) in [(80, 24), (160, 50)] {
        press(&mut a, "E");
        a.update(key(KeyCode::Home));
        press(&mut a, "lll");
        insta::assert_snapshot!(format!("years_2025_2024_{w}x{h}"), draw(&mut a, w, h));
        press(&mut a, "W");
        insta::assert_snapshot!(format!("years_all_{w}x{h}"), draw(&mut a, w, h));
        press(&mut a, "W");
    }
}
