use super::pgm;

#[test]
fn pgm_has_header_and_pixels() {
    let image = pgm(16, 20, 1);
    let header = b"P5\n16 20\n255\n";
    assert_eq!(&image[..header.len()], header);
    assert_eq!(image.len(), header.len() + 16 * 20);
}
