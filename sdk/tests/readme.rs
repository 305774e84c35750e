//! The project README shows the SDK sign-in that sdk/README.md compiles as a doctest (its
//! Rust sample is `ignore`d there: the README's own doctests have no AWS SDK): the two must
//! say the same, line for line.

/// The visible lines of the first Rust block of `text` (hidden `# ` lines left out).
fn first_rust_block(text: &str) -> Vec<&str> {
    let start = text.find("```rust").expect("a Rust block");
    let body = &text[start..];
    let body = &body[body.find('\n').expect("a line") + 1..];
    let end = body.find("```").expect("the block's end");
    body[..end]
        .lines()
        .filter(|l| !l.starts_with("# ") && *l != "#" && !l.is_empty())
        .collect()
}

#[test]
fn the_projects_readme_shows_the_tested_sign_in() {
    let sdk = include_str!("../README.md");
    let project = include_str!("../../README.md");
    let section = &project[project.find("## Sign in").expect("the section")..];
    assert_eq!(first_rust_block(section), first_rust_block(sdk));
}
