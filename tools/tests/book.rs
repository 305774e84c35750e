//! The book and the READMEs: every relative link leads to a file (and a heading, when it
//! names one), the book's table of contents lists every chapter, and each language's
//! sign-in sample says the same in the README, the package's README and the book, and in
//! the test that runs it. (`mdbook build book` in CI renders the book; the Rust samples
//! are doctests of the crates they show; links to the web are not followed here.)

use std::collections::BTreeSet;
use std::fs;
use std::path::{Component, Path, PathBuf};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tools/ is in the repository")
        .to_path_buf()
}

/// The Markdown a reader follows links in: the README, the book, and each package's README.
fn markdown_files(root: &Path) -> Vec<PathBuf> {
    let mut files = vec![root.join("README.md")];
    for dir in ["book/src", "."] {
        let mut found: Vec<PathBuf> = fs::read_dir(root.join(dir))
            .expect("a folder")
            .filter_map(Result::ok)
            .map(|entry| entry.path())
            .collect();
        found.sort();
        for path in found {
            if dir == "book/src" && path.extension().is_some_and(|e| e == "md") {
                files.push(path);
            } else if dir == "." && path.is_dir() && path.join("README.md").is_file() {
                files.push(path.join("README.md"));
            }
        }
    }
    files
}

/// The text outside fenced code blocks, and (unless `spans`) outside inline code spans:
/// where links are links and headings are headings.
fn prose(text: &str, spans: bool) -> String {
    let mut out = String::new();
    let mut fenced = false;
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
            out.push('\n');
            continue;
        }
        if fenced {
            out.push('\n');
            continue;
        }
        let mut in_code = false;
        for c in line.chars() {
            if c == '`' && !spans {
                in_code = !in_code;
            } else if !in_code && c != '`' {
                out.push(c);
            }
        }
        out.push('\n');
    }
    out
}

/// The targets of `[text](target)` links in `text`.
fn links(text: &str) -> Vec<String> {
    let prose = prose(text, false);
    let mut out = Vec::new();
    let mut rest = prose.as_str();
    while let Some(at) = rest.find("](") {
        rest = &rest[at + 2..];
        let Some(end) = rest.find(')') else { break };
        let target = rest[..end].split_whitespace().next().unwrap_or("");
        out.push(target.to_owned());
        rest = &rest[end..];
    }
    out
}

/// The anchor of a heading, as mdBook and GitHub make it: lowercase letters, digits, `-`
/// and `_`, a space becoming `-`, the rest dropped.
fn slug(heading: &str) -> String {
    heading
        .chars()
        .filter_map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                Some(c.to_lowercase().next().unwrap_or(c))
            } else if c == ' ' {
                Some('-')
            } else {
                None
            }
        })
        .collect()
}

/// The anchors of a Markdown file's headings (outside code blocks).
fn anchors(text: &str) -> BTreeSet<String> {
    prose(text, true)
        .lines()
        .filter_map(|line| {
            let hashes = line.chars().take_while(|&c| c == '#').count();
            (1..=6)
                .contains(&hashes)
                .then(|| line[hashes..].strip_prefix(' '))
                .flatten()
                .map(|heading| slug(heading.trim()))
        })
        .collect()
}

/// `base/relative`, with `..` and `.` resolved (no file system access).
fn resolve(base: &Path, relative: &str) -> PathBuf {
    let mut out = base.to_path_buf();
    for part in Path::new(relative).components() {
        match part {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// What is wrong with the links of `file` (whose text is `text`): `read` gives a file's text
/// (`None` when it does not exist), `exists` whether a path is there at all.
fn broken_links(
    file: &Path,
    text: &str,
    read: &dyn Fn(&Path) -> Option<String>,
    exists: &dyn Fn(&Path) -> bool,
) -> Vec<String> {
    let mut problems = Vec::new();
    let dir = file.parent().expect("a file in a folder");
    for target in links(text) {
        if target.is_empty()
            || target.contains("://")
            || target.starts_with("mailto:")
            || target.starts_with('<')
        {
            continue;
        }
        let (path, anchor) = match target.split_once('#') {
            Some((path, anchor)) => (path, Some(anchor)),
            None => (target.as_str(), None),
        };
        let linked = if path.is_empty() {
            file.to_path_buf()
        } else {
            resolve(dir, path)
        };
        if !exists(&linked) {
            problems.push(format!("{}: {target}: no such file", file.display()));
            continue;
        }
        if let Some(anchor) = anchor {
            let headings = read(&linked).map(|t| anchors(&t)).unwrap_or_default();
            if !headings.contains(anchor) {
                problems.push(format!("{}: {target}: no such heading", file.display()));
            }
        }
    }
    problems
}

#[test]
fn every_relative_link_leads_somewhere() {
    let root = repo();
    let files = markdown_files(&root);
    assert!(
        files.len() > 20,
        "the README, the book and the packages' READMEs: {files:?}"
    );
    let read = |p: &Path| fs::read_to_string(p).ok();
    let exists = |p: &Path| p.exists();
    let problems: Vec<String> = files
        .iter()
        .flat_map(|file| {
            let text = fs::read_to_string(file).expect("readable");
            broken_links(file, &text, &read, &exists)
        })
        .collect();
    assert!(
        problems.is_empty(),
        "broken links:\n{}",
        problems.join("\n")
    );
}

#[test]
fn a_broken_link_or_heading_is_found() {
    let text = "# Top\n\nSee [here](other.md), [there](other.md#nowhere), [gone](missing.md), \
                [self](#top), [web](https://example.com/x), `[code](not-a-link.md)`.\n\
                ```\n[fenced](also-not.md)\n```\n";
    let other = "# Other\n\n## Some `code` heading, here\n";
    let file = Path::new("/book/page.md");
    let read = |p: &Path| match p.to_str() {
        Some("/book/other.md") => Some(other.to_owned()),
        Some("/book/page.md") => Some(text.to_owned()),
        _ => None,
    };
    let exists = |p: &Path| read(p).is_some();
    let problems = broken_links(file, text, &read, &exists);
    assert_eq!(
        problems,
        [
            "/book/page.md: other.md#nowhere: no such heading",
            "/book/page.md: missing.md: no such file",
        ]
    );
    assert!(anchors(other).contains("some-code-heading-here"));
}

#[test]
fn the_table_of_contents_lists_every_chapter() {
    let src = repo().join("book/src");
    let summary = fs::read_to_string(src.join("SUMMARY.md")).expect("book/src/SUMMARY.md");
    let listed: BTreeSet<String> = links(&summary).into_iter().collect();
    let chapters: BTreeSet<String> = fs::read_dir(&src)
        .expect("book/src")
        .filter_map(Result::ok)
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|name| name.ends_with(".md") && name != "SUMMARY.md")
        .collect();
    assert_eq!(
        listed, chapters,
        "SUMMARY.md against the chapters in book/src"
    );
}

/// The lines of the first code block fenced as ```` ```lang ```` in `text`.
fn block(text: &str, lang: &str) -> Vec<String> {
    let fence = format!("```{lang}\n");
    let start = text
        .find(&fence)
        .unwrap_or_else(|| panic!("a {lang} block"));
    let body = &text[start + fence.len()..];
    let end = body.find("```").expect("the block's end");
    body[..end].lines().map(str::to_owned).collect()
}

/// The lines between `BEGIN book:sign-in` and `END book:sign-in` in a test's source, with
/// their common indentation removed.
fn region(text: &str) -> Vec<String> {
    let lines: Vec<&str> = text.lines().collect();
    let begin = lines
        .iter()
        .position(|l| l.contains("BEGIN book:sign-in"))
        .expect("a BEGIN book:sign-in line");
    let end = lines
        .iter()
        .position(|l| l.contains("END book:sign-in"))
        .expect("an END book:sign-in line");
    let body = &lines[begin + 1..end];
    let indent = body
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    body.iter()
        .map(|l| l.get(indent..).unwrap_or("").to_owned())
        .collect()
}

/// A sample: its fence, the places that show it, and the test that runs it with the lines
/// that test does at its top instead (imports, requires, includes).
type Sample = (
    &'static str,
    [&'static str; 3],
    Option<(&'static str, &'static str)>,
);

#[test]
fn each_languages_sample_is_the_one_its_tests_run() {
    let root = repo();
    let read = |p: &str| fs::read_to_string(root.join(p)).unwrap_or_else(|e| panic!("{p}: {e}"));
    let samples: [Sample; 5] = [
        (
            "js",
            ["README.md", "js/README.md", "book/src/javascript.md"],
            None, // js/test/pack.test.mjs runs js/README.md's from the packed tarball
        ),
        (
            "python",
            ["README.md", "python/README.md", "book/src/python.md"],
            None, // python/tests/test_serve.py runs python/README.md's
        ),
        (
            "java",
            ["README.md", "java/README.md", "book/src/java.md"],
            Some((
                "java/aws-sdk/src/test/java/dev/srpcognito/awssdk/SdkSignInTest.java",
                "import ",
            )),
        ),
        (
            "ruby",
            ["README.md", "ruby/README.md", "book/src/ruby.md"],
            Some(("ruby/test/test_readme.rb", "require ")),
        ),
        (
            "cpp",
            ["README.md", "c/README.md", "book/src/c.md"],
            Some(("c/tests/sign_in.cpp", "#include ")),
        ),
    ];
    for (lang, places, test) in samples {
        let shown = block(&read(places[0]), lang);
        for place in &places[1..] {
            assert_eq!(
                block(&read(place), lang),
                shown,
                "{place} against {}",
                places[0]
            );
        }
        if let Some((test, top)) = test {
            let expected: Vec<String> = shown
                .iter()
                .filter(|l| !l.starts_with(top) && !l.trim().is_empty())
                .cloned()
                .collect();
            let ran: Vec<String> = region(&read(test))
                .into_iter()
                .filter(|l| !l.trim().is_empty())
                .collect();
            assert_eq!(
                ran, expected,
                "{test} runs another {lang} sample than the READMEs show"
            );
        }
    }
}
