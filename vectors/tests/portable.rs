//! Every vector file on the portable backend (the one test of this binary chooses it).

mod files;

#[test]
fn every_file_on_the_portable_backend() {
    srp_cognito::hazmat::select_backend(srp_cognito::hazmat::Backend::Portable)
        .expect("portable runs everywhere");
    for (file, count) in files::FILES {
        files::check(file, count);
    }
    assert_eq!(
        srp_cognito::hazmat::backend(),
        srp_cognito::hazmat::Backend::Portable
    );
}
