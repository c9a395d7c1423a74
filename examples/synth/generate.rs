//! Synthetic disclosures for benchmarks and tests only: departments in the real format, with
//! codes and names from the standard classification, amounts that satisfy every identity the
//! checks verify, deterministic from a seed. Shared by `examples/synth`, tests and benches.

#![allow(dead_code, clippy::type_complexity)]

use serde_json::{json, Value};

/// splitmix64: small, fast and deterministic; quality is ample for test data.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

/// (类, name, [(款, name, [(项, name)])]) from the 2024 government revenue and expenditure classification.
type Class = (
    &'static str,
    &'static str,
    &'static [(
        &'static str,
        &'static str,
        &'static [(&'static str, &'static str)],
    )],
);

pub const FUNCTIONAL: &[Class] = &[
    (
        "201",
        "一般公共服务支出",
        &[
            (
                "20101",
                "人大事务",
                &[
                    ("2010101", "行政运行"),
                    ("2010102", "一般行政管理事务"),
                    ("2010150", "事业运行"),
                ],
            ),
            (
                "20103",
                "政府办公厅（室）及相关机构事务",
                &[
                    ("2010301", "行政运行"),
                    ("2010302", "一般行政管理事务"),
                    ("2010350", "事业运行"),
                ],
            ),
            (
                "20105",
                "统计信息事务",
                &[("2010501", "行政运行"), ("2010507", "专项普查活动")],
            ),
            (
                "20106",
                "财政事务",
                &[("2010601", "行政运行"), ("2010602", "一般行政管理事务")],
            ),
        ],
    ),
    (
        "204",
        "公共安全支出",
        &[(
            "20402",
            "公安",
            &[("2040201", "行政运行"), ("2040220", "执法办案")],
        )],
    ),
    (
        "205",
        "教育支出",
        &[(
            "20502",
            "普通教育",
            &[
                ("2050201", "学前教育"),
                ("2050202", "小学教育"),
                ("2050203", "初中教育"),
                ("2050204", "高中教育"),
            ],
        )],
    ),
    (
        "207",
        "文化旅游体育与传媒支出",
        &[(
            "20701",
            "文化和旅游",
            &[("2070101", "行政运行"), ("2070109", "群众文化")],
        )],
    ),
    (
        "208",
        "社会保障和就业支出",
        &[
            (
                "20801",
                "人力资源和社会保障管理事务",
                &[("2080101", "行政运行"), ("2080109", "社会保险经办机构")],
            ),
            (
                "20805",
                "行政事业单位养老支出",
                &[
                    ("2080501", "行政单位离退休"),
                    ("2080505", "机关事业单位基本养老保险缴费支出"),
                    ("2080506", "机关事业单位职业年金缴费支出"),
                    ("2080599", "其他行政事业单位养老支出"),
                ],
            ),
            (
                "20899",
                "其他社会保障和就业支出",
                &[("2089999", "其他社会保障和就业支出")],
            ),
        ],
    ),
    (
        "210",
        "卫生健康支出",
        &[(
            "21011",
            "行政事业单位医疗",
            &[
                ("2101101", "行政单位医疗"),
                ("2101102", "事业单位医疗"),
                ("2101103", "公务员医疗补助"),
                ("2101199", "其他行政事业单位医疗支出"),
            ],
        )],
    ),
    (
        "212",
        "城乡社区支出",
        &[(
            "21201",
            "城乡社区管理事务",
            &[("2120101", "行政运行"), ("2120104", "城管执法")],
        )],
    ),
    (
        "213",
        "农林水支出",
        &[(
            "21301",
            "农业农村",
            &[("2130101", "行政运行"), ("2130104", "事业运行")],
        )],
    ),
    (
        "221",
        "住房保障支出",
        &[(
            "22102",
            "住房改革支出",
            &[("2210201", "住房公积金"), ("2210203", "购房补贴")],
        )],
    ),
];

/// Functional 项 whose basic expenditure is one economic 款 (or 类): the correspondences the
/// checks verify (yusuan::core::checks::FUNCTIONAL_ECONOMIC_LINKS).
pub const LINKED: &[(&str, &str)] = &[
    ("2080505", "30108"),
    ("2080506", "30109"),
    ("2210201", "30113"),
    ("2101103", "30114"),
    ("2080599", "303"),
];

/// Economic classification: (类, name, [(款, name, personnel?)]).
pub const ECONOMIC: &[(&str, &str, &[(&str, &str, bool)])] = &[
    (
        "301",
        "工资福利支出",
        &[
            ("30101", "基本工资", true),
            ("30102", "津贴补贴", true),
            ("30103", "奖金", true),
            ("30108", "机关事业单位基本养老保险缴费", true),
            ("30109", "职业年金缴费", true),
            ("30110", "职工基本医疗保险缴费", true),
            ("30112", "其他社会保障缴费", true),
            ("30113", "住房公积金", true),
            ("30114", "医疗费", true),
            ("30199", "其他工资福利支出", true),
        ],
    ),
    (
        "302",
        "商品和服务支出",
        &[
            ("30201", "办公费", false),
            ("30205", "水费", false),
            ("30206", "电费", false),
            ("30207", "邮电费", false),
            ("30211", "差旅费", false),
            ("30213", "维修（护）费", false),
            ("30216", "培训费", false),
            ("30217", "公务接待费", false),
            ("30228", "工会经费", false),
            ("30231", "公务用车运行维护费", false),
            ("30299", "其他商品和服务支出", false),
        ],
    ),
    (
        "303",
        "对个人和家庭的补助",
        &[
            ("30302", "退休费", true),
            ("30305", "生活补助", true),
            ("30307", "医疗费补助", true),
        ],
    ),
];

const DISTRICTS: &[&str] = &[
    "渝中区",
    "大渡口区",
    "江北区",
    "沙坪坝区",
    "九龙坡区",
    "南岸区",
    "北碚区",
    "渝北区",
    "巴南区",
    "万州区",
];
const UNITS: &[&str] = &[
    "社会保险事务中心",
    "财政局",
    "教育委员会",
    "卫生健康委员会",
    "城市管理局",
    "农业农村委员会",
    "文化和旅游发展委员会",
    "统计局",
    "公安分局",
    "住房和城乡建设委员会",
    "人力资源和社会保障局",
    "民政局",
];

fn cents(c: i64) -> String {
    format!("{}.{:02}", c / 100, c % 100)
}

/// One leaf item: (项 code, name, basic cents, project cents).
type Item = (&'static str, &'static str, i64, i64);

/// The department's code set and 2024-style amounts, chosen once per department.
pub struct Department {
    pub code: String,
    pub name: String,
    items: Vec<(&'static str, &'static str, &'static str, &'static str, Item)>,
}

pub fn department(rng: &mut Rng, index: usize) -> Department {
    let name = format!(
        "重庆市{}{}（合成{:05}）",
        DISTRICTS[index % DISTRICTS.len()],
        UNITS[(index / DISTRICTS.len()) % UNITS.len()],
        index
    );
    let mut items = Vec::new();
    for (class, class_name, kuans) in FUNCTIONAL {
        let always = matches!(*class, "208" | "210" | "221");
        if !always && !rng.chance(35) {
            continue;
        }
        for (kuan, kuan_name, xiangs) in kuans.iter() {
            if !always
                && !rng.chance(60)
                && !items
                    .iter()
                    .any(|i: &(&str, &str, &str, &str, Item)| i.0 == *class)
            {
                // keep at least one 款 per chosen 类
            } else if !rng.chance(70) {
                continue;
            }
            for (xiang, xiang_name) in xiangs.iter() {
                if !rng.chance(65) {
                    continue;
                }
                let size = 10i64.pow(2 + rng.below(4) as u32);
                let amount = (size + rng.below(size as u64 * 9) as i64).max(100);
                // Items paid as a fixed economic item are basic expenditure (see LINKED).
                let linked = LINKED.iter().any(|(f, _)| f == xiang);
                let (basic, project) = match rng.below(3) {
                    _ if linked => (amount, 0),
                    0 => (amount, 0),
                    1 => (0, amount),
                    _ => (amount / 2, amount - amount / 2),
                };
                items.push((
                    *class,
                    *class_name,
                    *kuan,
                    *kuan_name,
                    (*xiang, *xiang_name, basic, project),
                ));
            }
        }
    }
    if items.is_empty() {
        items.push((
            "208",
            "社会保障和就业支出",
            "20801",
            "人力资源和社会保障管理事务",
            ("2080101", "行政运行", 5_000_000, 0),
        ));
    }
    Department {
        code: format!("S{index:05}"),
        name,
        items,
    }
}

/// The department's document for a year: amounts drift by year; the prior year's column of
/// the general-budget table equals the prior year's own figures.
pub fn document(dept: &Department, year: i32, first_year: i32, seed: u64) -> Value {
    let amounts = |y: i32| -> Vec<(i64, i64)> {
        let mut rng = Rng::new(
            seed ^ (y as u64).wrapping_mul(0x1000_0001)
                ^ dept
                    .code
                    .bytes()
                    .fold(0u64, |a, b| a.wrapping_mul(31).wrapping_add(b as u64)),
        );
        dept.items
            .iter()
            .map(|(_, _, _, _, (_, _, b, p))| {
                let factor = 90 + rng.below(21) as i64; // 90% .. 110%
                let drift = |v: &i64| {
                    if *v == 0 {
                        0
                    } else {
                        (v * factor / 100).max(1)
                    }
                };
                if y == first_year {
                    (*b, *p)
                } else {
                    (drift(b), drift(p))
                }
            })
            .collect()
    };
    let cur = amounts(year);
    let prev = (year > first_year).then(|| amounts(year - 1));
    // Roll leaves up into 款, 类 and the total, in code order.
    let mut rows: Vec<(String, String, i64, i64, Option<i64>)> = Vec::new();
    let mut total = (0i64, 0i64, 0i64);
    let mut order: Vec<usize> = (0..dept.items.len()).collect();
    order.sort_by_key(|&i| dept.items[i].4 .0);
    let mut classes: Vec<&str> = dept.items.iter().map(|i| i.0).collect();
    classes.sort();
    classes.dedup();
    for class in classes {
        let class_items: Vec<usize> = order
            .iter()
            .copied()
            .filter(|&i| dept.items[i].0 == class)
            .collect();
        let sum = |idx: &[usize]| {
            idx.iter().fold((0, 0, 0), |a, &i| {
                (
                    a.0 + cur[i].0,
                    a.1 + cur[i].1,
                    a.2 + prev.as_ref().map_or(0, |p| p[i].0 + p[i].1),
                )
            })
        };
        let (b, p, pv) = sum(&class_items);
        rows.push((
            class.into(),
            dept.items[class_items[0]].1.into(),
            b,
            p,
            prev.as_ref().map(|_| pv),
        ));
        total = (total.0 + b, total.1 + p, total.2 + pv);
        let mut kuans: Vec<&str> = class_items.iter().map(|&i| dept.items[i].2).collect();
        kuans.dedup();
        for kuan in kuans {
            let kuan_items: Vec<usize> = class_items
                .iter()
                .copied()
                .filter(|&i| dept.items[i].2 == kuan)
                .collect();
            let (b, p, pv) = sum(&kuan_items);
            rows.push((
                kuan.into(),
                dept.items[kuan_items[0]].3.into(),
                b,
                p,
                prev.as_ref().map(|_| pv),
            ));
            for &i in &kuan_items {
                let (code, name, _, _) = dept.items[i].4;
                rows.push((
                    code.into(),
                    name.into(),
                    cur[i].0,
                    cur[i].1,
                    prev.as_ref().map(|p| p[i].0 + p[i].1),
                ));
            }
        }
    }
    let cell = |v: i64| if v == 0 { None } else { Some(cents(v)) };
    let functional_rows = |with_prev: bool| -> Vec<Value> {
        let mut out = vec![row(
            None,
            "合计",
            &[
                (
                    "y_prev",
                    if with_prev {
                        prev.as_ref().map(|_| cents(total.2))
                    } else {
                        None
                    },
                ),
                ("total", Some(cents(total.0 + total.1))),
                ("basic", cell(total.0)),
                ("project", cell(total.1)),
            ],
            true,
        )];
        for (code, name, b, p, pv) in &rows {
            out.push(row(
                Some(code),
                name,
                &[
                    ("y_prev", if with_prev { pv.map(cents) } else { None }),
                    ("total", Some(cents(b + p))),
                    ("basic", cell(*b)),
                    ("project", cell(*p)),
                ],
                false,
            ));
        }
        out
    };
    let mut gpb_columns = vec![];
    if prev.is_some() {
        gpb_columns.push(json!({"key": "y_prev", "header": format!("{} 年预算数", year - 1), "measure": "total", "year": year - 1}));
    }
    let g = format!("{year} 年预算数");
    gpb_columns.extend([
        json!({"key": "total", "header": "小计", "group": g, "measure": "total", "sum_of": ["basic", "project"]}),
        json!({"key": "basic", "header": "基本支出", "group": g, "measure": "basic"}),
        json!({"key": "project", "header": "项目支出", "group": g, "measure": "project"}),
    ]);
    let linked: Vec<(&str, i64)> = LINKED
        .iter()
        .filter_map(|(f, e)| {
            let i = dept.items.iter().position(|it| it.4 .0 == *f)?;
            Some((*e, cur[i].0))
        })
        .collect();
    let economic = economic_rows(total.0, &linked, &mut Rng::new(seed ^ year as u64 ^ 0xEC0));
    json!({
        "format": "yusuan/1",
        "department": {"code": dept.code, "name": dept.name},
        "fiscal_year": year,
        "unit": "万元",
        "title": format!("{} {year} 年部门预算（合成数据）", dept.name),
        "source": "synthetic: examples/synth, for benchmarks and tests only",
        "tables": [
            {"id": "表二", "title": format!("{}一般公共预算财政拨款支出预算表", dept.name), "kind": "functional", "scope": "general_budget",
             "columns": gpb_columns, "rows": functional_rows(true)},
            {"id": "表三", "title": format!("{}一般公共预算财政拨款基本支出预算表", dept.name), "kind": "economic", "scope": "general_budget",
             "columns": [
                {"key": "total", "header": "合计", "measure": "total", "sum_of": ["personnel", "public"]},
                {"key": "personnel", "header": "人员经费", "measure": "personnel"},
                {"key": "public", "header": "公用经费", "measure": "public"}],
             "rows": economic},
            {"id": "表八", "title": format!("{}支出总表", dept.name), "kind": "functional", "scope": "all",
             "columns": [
                {"key": "total", "header": "合计", "measure": "total", "sum_of": ["basic", "project"]},
                {"key": "basic", "header": "基本支出", "measure": "basic"},
                {"key": "project", "header": "项目支出", "measure": "project"}],
             "rows": functional_rows(false)}
        ]
    })
}

fn row(code: Option<&str>, name: &str, cells: &[(&str, Option<String>)], total: bool) -> Value {
    let mut cell_map = serde_json::Map::new();
    for (k, v) in cells {
        if let Some(v) = v {
            cell_map.insert(k.to_string(), Value::from(v.clone()));
        }
    }
    let mut r = serde_json::Map::new();
    if total {
        r.insert("role".into(), "total".into());
    }
    if let Some(c) = code {
        r.insert("code".into(), c.into());
    }
    r.insert("name".into(), name.into());
    r.insert("cells".into(), Value::Object(cell_map));
    Value::Object(r)
}

/// Splits the basic total over economic codes so that every sum holds exactly: linked codes get
/// their functional item's amount, the rest is spread over the other codes.
fn economic_rows(basic_total: i64, linked: &[(&str, i64)], rng: &mut Rng) -> Vec<Value> {
    let mut leaves: Vec<(&str, &str, &str, &str, bool, i64)> = Vec::new();
    let mut free = Vec::new();
    for (class, cname, kuans) in ECONOMIC {
        for (code, name, personnel) in kuans.iter() {
            let is_linked = LINKED
                .iter()
                .any(|(_, e)| e == code || (*e == *class && *class == "303"));
            if let Some((_, v)) = linked.iter().find(|(e, _)| e == code) {
                leaves.push((class, cname, code, name, *personnel, *v));
            } else if *class == "303" {
                continue; // 303's children are split from 2080599 below
            } else if !is_linked && rng.chance(70) {
                free.push(leaves.len());
                leaves.push((
                    class,
                    cname,
                    code,
                    name,
                    *personnel,
                    1 + rng.below(1000) as i64,
                ));
            }
        }
    }
    if let Some((_, v)) = linked.iter().find(|(e, _)| *e == "303") {
        let kids = &ECONOMIC[2].2;
        let first = v / 2;
        leaves.push(("303", ECONOMIC[2].1, kids[1].0, kids[1].1, true, first));
        leaves.push(("303", ECONOMIC[2].1, kids[2].0, kids[2].1, true, v - first));
    }
    let fixed: i64 = leaves
        .iter()
        .enumerate()
        .filter(|(i, _)| !free.contains(i))
        .map(|(_, l)| l.5)
        .sum();
    let rest = basic_total - fixed;
    if free.is_empty() && rest != 0 {
        free.push(leaves.len());
        leaves.push((
            "302",
            "商品和服务支出",
            "30299",
            "其他商品和服务支出",
            false,
            1,
        ));
    }
    let weight: i64 = free.iter().map(|&i| leaves[i].5).sum();
    let mut assigned = 0;
    for (n, &i) in free.iter().enumerate() {
        leaves[i].5 = if n + 1 == free.len() {
            rest - assigned
        } else {
            rest * leaves[i].5 / weight.max(1)
        };
        assigned += leaves[i].5;
    }
    leaves.retain(|l| l.5 != 0);
    leaves.sort_by_key(|l| l.2);
    let opt = |v: i64| if v == 0 { None } else { Some(cents(v)) };
    let (tp, tq) = leaves.iter().fold((0, 0), |a, l| {
        if l.4 {
            (a.0 + l.5, a.1)
        } else {
            (a.0, a.1 + l.5)
        }
    });
    let mut out = vec![row(
        None,
        "合计",
        &[
            ("total", Some(cents(basic_total))),
            ("personnel", opt(tp)),
            ("public", opt(tq)),
        ],
        true,
    )];
    let mut classes: Vec<&str> = leaves.iter().map(|l| l.0).collect();
    classes.dedup();
    for class in classes {
        let ls: Vec<_> = leaves.iter().filter(|l| l.0 == class).collect();
        let (p, q) = ls.iter().fold((0, 0), |a, l| {
            if l.4 {
                (a.0 + l.5, a.1)
            } else {
                (a.0, a.1 + l.5)
            }
        });
        out.push(row(
            Some(class),
            ls[0].1,
            &[
                ("total", Some(cents(p + q))),
                ("personnel", opt(p)),
                ("public", opt(q)),
            ],
            false,
        ));
        for l in ls {
            let (p, q) = if l.4 {
                (opt(l.5), None)
            } else {
                (None, opt(l.5))
            };
            out.push(row(
                Some(l.2),
                l.3,
                &[("total", Some(cents(l.5))), ("personnel", p), ("public", q)],
                false,
            ));
        }
    }
    out
}

/// Writes N departments × years into `out`, one file per document; returns the file count.
pub fn write_all(
    out: &std::path::Path,
    departments: usize,
    years: &[i32],
    seed: u64,
) -> std::io::Result<usize> {
    std::fs::create_dir_all(out)?;
    let first = years.iter().copied().min().unwrap_or(2024);
    let mut rng = Rng::new(seed);
    let mut files = 0;
    for i in 0..departments {
        let dept = department(&mut rng, i);
        let dir = out.join(format!("{:03}", i / 1000));
        std::fs::create_dir_all(&dir)?;
        for &y in years {
            let doc = document(&dept, y, first, seed);
            std::fs::write(
                dir.join(format!("{}_{y}.json", dept.code)),
                serde_json::to_vec(&doc)?,
            )?;
            files += 1;
        }
    }
    Ok(files)
}

/// A synthetic set of `departments` × 2023, 2024 written once under target/ and reused by the
/// benchmarks (a `done` marker says the writing finished).
pub fn cached_dir(departments: usize) -> std::path::PathBuf {
    let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join(format!("target/bench-synth-{departments}"));
    if !dir.join("done").exists() {
        let _ = std::fs::remove_dir_all(&dir);
        write_all(&dir, departments, &[2023, 2024], 1).expect("write the synthetic set");
        std::fs::write(dir.join("done"), b"").expect("mark the synthetic set");
    }
    dir
}
