#[test]
fn bundled_document_is_valid() {
    let doc = yusuan::core::load::bundled();
    assert_eq!(doc.department.code, "124");
    assert_eq!(doc.fiscal_year, 2024);
    assert_eq!(doc.tables.len(), 13);
}
