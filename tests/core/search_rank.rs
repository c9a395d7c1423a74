//! Ranking, highlighting and odd queries of the search index on the bundled document.

use yusuan::core::load::bundled;
use yusuan::core::search::{Hit, MatchKind, SearchIndex, Target};
use yusuan::core::tree::Classification;

fn index() -> SearchIndex {
    SearchIndex::build(&[&bundled()])
}

fn codes(index: &SearchIndex, hits: &[Hit]) -> Vec<String> {
    hits.iter()
        .map(|h| index.item(h.item).code.clone())
        .collect()
}

fn names(index: &SearchIndex, hits: &[Hit]) -> Vec<String> {
    hits.iter()
        .map(|h| index.item(h.item).name.clone())
        .collect()
}

/// The chars of the name that a hit highlights.
fn highlighted(index: &SearchIndex, hit: &Hit) -> String {
    let name: Vec<char> = index.item(hit.item).name.chars().collect();
    hit.name_positions.iter().map(|&i| name[i]).collect()
}

#[test]
fn exact_code_comes_first_as_one_tree_node() {
    let idx = index();
    let hits = idx.search("2080505", 10);
    assert_eq!(hits.len(), 1, "printed in three tables, found once");
    let item = idx.item(hits[0].item);
    assert_eq!(item.name, "机关事业单位基本养老保险缴费支出");
    assert_eq!(hits[0].kind, MatchKind::ExactCode);
    assert_eq!(hits[0].code_positions, (0..7).collect::<Vec<_>>());
    assert_eq!(item.tables, ["表二", "表七", "表八"]);
    assert!(item.place.contains("表二 表七 表八"), "{}", item.place);
    assert_eq!(
        item.target,
        Target::Node {
            classification: Classification::Functional,
            code: "2080505".into()
        }
    );
    assert_eq!(item.amount.unwrap().display(), "51.81");
    assert_eq!(item.prev_amount.unwrap().display(), "48.94");
}

#[test]
fn digits_match_codes_by_prefix_shortest_first_never_fuzzily() {
    let idx = index();
    let hits = idx.search("2080", 50);
    assert_eq!(
        codes(&idx, &hits),
        ["20801", "20805", "2080101", "2080109", "2080505", "2080506", "2080599"]
    );
    assert!(hits.iter().all(|h| h.kind == MatchKind::CodePrefix));
    // 201 is no prefix of any code here; fuzzily it would hit 2080101.
    assert!(idx.search("201", 50).is_empty());
    let exact = idx.search("208", 50);
    assert_eq!(codes(&idx, &exact[..2]), ["208", "20801"]);
    assert_eq!(exact[0].kind, MatchKind::ExactCode);
}

#[test]
fn exact_name_beats_substring() {
    let idx = index();
    let hits = idx.search("住房公积金", 10);
    assert_eq!(hits[0].kind, MatchKind::ExactName);
    assert_eq!(codes(&idx, &hits[..2]), ["2210201", "30113"]);
    let hits = idx.search("其他社会保障和就业支出", 10);
    assert!(hits.iter().all(|h| h.kind == MatchKind::ExactName));
    assert_eq!(codes(&idx, &hits), ["20899", "2089999"]);
}

#[test]
fn name_substring_lists_every_yanglao_line() {
    let idx = index();
    let hits = idx.search("养老", 50);
    let mut found = codes(&idx, &hits);
    found.sort();
    assert_eq!(found, ["20805", "2080505", "2080599", "30108"]);
    assert!(hits.iter().all(|h| h.kind == MatchKind::NameSubstring));
    for h in &hits {
        assert_eq!(highlighted(&idx, h), "养老");
    }
}

#[test]
fn pinyin_initials_find_xingzheng_yunxing() {
    let idx = index();
    let hits = idx.search("xzyx", 10);
    assert_eq!(idx.item(hits[0].item).code, "2080101");
    assert_eq!(hits[0].kind, MatchKind::Pinyin);
    assert_eq!(hits[0].name_positions, [0, 1, 2, 3]);
    assert!(hits[1..].iter().all(|h| h.kind < MatchKind::Pinyin));
}

#[test]
fn full_pinyin_and_its_prefixes_highlight_the_chinese_chars() {
    let idx = index();
    for q in ["yanglao", "yangl", "YangLao"] {
        let hits = idx.search(q, 50);
        let pinyin: Vec<&Hit> = hits
            .iter()
            .filter(|h| h.kind == MatchKind::Pinyin)
            .collect();
        assert_eq!(pinyin.len(), 4, "{q}: {:?}", names(&idx, &hits));
        for h in pinyin {
            assert_eq!(highlighted(&idx, h), "养老", "{q}");
        }
    }
    // 机关事业单位基本养老保险缴费支出: 养 is the 9th char (index 8) though its pinyin starts
    // at byte 28 of the full pinyin string.
    let hits = idx.search("yanglaobaoxian", 10);
    assert_eq!(idx.item(hits[0].item).code, "30108");
    assert_eq!(hits[0].name_positions, [8, 9, 10, 11]);
}

#[test]
fn heteronyms_and_mixed_pinyin_match() {
    let idx = index();
    // 行 read as hang, and full and initial pinyin mixed in one term.
    for q in ["hangzheng", "xingzyx", "xzyunxing"] {
        let hits = idx.search(q, 10);
        assert_eq!(idx.item(hits[0].item).name, "行政运行", "{q}");
    }
}

#[test]
fn every_term_must_match() {
    let idx = index();
    let hits = idx.search("养老 jiao", 50);
    let mut found = codes(&idx, &hits);
    found.sort();
    assert_eq!(found, ["2080505", "30108"]);
    let h = &hits[0];
    assert_eq!(highlighted(&idx, h), "养老缴");
    assert!(idx.search("养老 医疗", 50).is_empty());
}

#[test]
fn ranking_order_across_kinds() {
    let idx = index();
    // Substring hits of 公务 (公务接待费, 公务员医疗补助) before anything weaker.
    let hits = idx.search("公务", 50);
    assert!(hits.windows(2).all(|w| w[0].kind >= w[1].kind));
    assert!(names(&idx, &hits).contains(&"公务接待费".to_string()));
    let gw = idx.search("gongwu", 50);
    assert!(gw
        .windows(2)
        .all(|w| (w[0].kind, w[0].score) >= (w[1].kind, w[1].score)));
}

#[test]
fn sangong_columns_projects_indicators_glossary_and_narrative_are_found() {
    let idx = index();
    let hits = idx.search("公务接待费", 10);
    let cell = hits
        .iter()
        .map(|h| idx.item(h.item))
        .find(|i| matches!(i.target, Target::TableCell { .. }))
        .expect("the 三公 column");
    assert_eq!(cell.tables, ["表四"]);
    assert_eq!(cell.amount.unwrap().display(), "1.00");
    assert_eq!(cell.prev_amount.unwrap().display(), "1.00");

    let hits = idx.search("幼职教", 10);
    let p = idx.item(hits[0].item);
    assert_eq!(
        p.target,
        Target::Project {
            table_id: "表十一".into()
        }
    );
    assert_eq!(p.code, "50010422T000000083159");
    assert_eq!(p.amount.unwrap().display(), "13.20");

    let hits = idx.search("满意度", 10);
    assert_eq!(hits.len(), 3);
    assert!(hits
        .iter()
        .all(|h| matches!(idx.item(h.item).target, Target::Indicator { .. })));

    let hits = idx.search("名词", 10);
    assert!(hits
        .iter()
        .any(|h| idx.item(h.item).target == Target::Narrative { section_index: 5 }));
    let hits = idx.search("基本支出", 10);
    assert!(hits
        .iter()
        .any(|h| idx.item(h.item).target == Target::Glossary { index: 2 }));

    let hits = idx.search("货物类", 10);
    let row = idx.item(hits[0].item);
    assert_eq!(
        row.target,
        Target::TableRow {
            table_id: "表九".into(),
            section: None,
            row_index: 1
        }
    );
    assert_eq!(row.amount.unwrap().display(), "5.00");
}

#[test]
fn summary_rows_repeating_a_class_merge_into_its_node() {
    let idx = index();
    let hits = idx.search("社会保障和就业支出", 10);
    let nodes: Vec<_> = hits.iter().map(|h| idx.item(h.item)).collect();
    assert!(nodes
        .iter()
        .all(|i| matches!(i.target, Target::Node { .. })));
    assert_eq!(nodes[0].code, "208");
    assert_eq!(nodes[0].tables, ["表二", "表七", "表八", "表一", "表六"]);
}

#[test]
fn empty_and_unmatched_queries_find_nothing() {
    let idx = index();
    for q in ["", "   ", "\u{3000}", "zzzzqqq", "没有这个"] {
        assert!(idx.search(q, 10).is_empty(), "{q:?}");
    }
    assert!(idx.search("养老", 0).is_empty());
}

#[test]
fn full_width_input_is_normalised() {
    let idx = index();
    let hits = idx.search("２０８", 5);
    assert_eq!(idx.item(hits[0].item).code, "208");
    let hits = idx.search("ＸＺＹＸ", 5);
    assert_eq!(idx.item(hits[0].item).code, "2080101");
    // A half-width bracket finds the printed full-width one, highlighted in place.
    let hits = idx.search("(护)", 5);
    assert_eq!(idx.item(hits[0].item).name, "维修（护）费");
    assert_eq!(highlighted(&idx, &hits[0]), "（护）");
}

#[test]
fn odd_queries_do_not_panic() {
    let idx = index();
    let long = "养".repeat(10_000);
    let odd = [
        ".*",
        "(",
        "[",
        "\\",
        "\u{1b}[2J",
        "\0",
        "🎉",
        "a\u{301}",
        "İ",
        &long,
    ];
    for q in odd {
        for h in idx.search(q, 100) {
            let item = idx.item(h.item);
            let n = item.name.chars().count();
            assert!(h.name_positions.iter().all(|&p| p < n), "{q:?}");
            assert!(h
                .code_positions
                .iter()
                .all(|&p| p < item.code.chars().count()));
        }
    }
    assert!(idx.search(".*", 10).is_empty());
    // The escape becomes a space: what is left ("[2j") matches nothing here.
    assert!(idx.search("\u{1b}[2J", 10).is_empty());
    // Only the first 64 chars count: 10,000 × 养 is 64 × 养, which no name holds.
    assert!(idx.search(&long, 10).is_empty());
    // An over-long query whose first 64 chars match still finds.
    let padded = format!("2080505{}", " ".repeat(100)) + "x";
    assert_eq!(idx.search(&padded, 10).len(), 1);
}

#[test]
fn limit_keeps_the_best() {
    let idx = index();
    for q in ["2", "x", "支出"] {
        let all = idx.search(q, 1000);
        assert!(all.len() > 10, "{q}: {}", all.len());
        assert_eq!(idx.search(q, 3), all[..3], "{q}");
    }
}

#[test]
fn many_documents_in_one_index() {
    let doc = bundled();
    let idx = SearchIndex::build(&[&doc, &doc]);
    let hits = idx.search("2080505", 10);
    assert_eq!(hits.len(), 2);
    let docs: Vec<usize> = hits.iter().map(|h| idx.item(h.item).doc).collect();
    assert_eq!(docs, [0, 1]);
}
