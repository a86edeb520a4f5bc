use super::table;

#[test]
fn table_aligns_columns_and_trims_line_ends() {
    let rows = vec![
        vec!["id".to_owned(), "status".to_owned()],
        vec!["abc-123".to_owned(), "COMPLETED".to_owned()],
        vec!["x".to_owned(), "".to_owned()],
    ];
    assert_eq!(table(&rows), "id       status\nabc-123  COMPLETED\nx\n");
}
