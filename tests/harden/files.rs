//! Bad files at scale, through the real binary (`yusuan check --data …`): each is refused with
//! exit code 2 and a one-paragraph message that names the file, quickly, without a panic and in
//! bounded memory (the child's peak RSS, from wait4's rusage, is printed and checked).

use std::fs::{self, File};
use std::io::Read;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::thread::sleep;
use std::time::{Duration, Instant};

/// A bad file must be refused within this (a debug build on a slow machine).
const QUICK: Duration = Duration::from_secs(5);
/// A child still running after this is stuck: it is killed and the test fails.
const STUCK: Duration = Duration::from_secs(20);
/// Peak resident memory any refusal may use.
const MAX_RSS_KB: i64 = 200 * 1024;

/// A scratch folder, removed when the test ends however it ends.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("yusuan-harden-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).expect("create scratch folder");
        Scratch(dir)
    }

    fn path(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

#[derive(Debug)]
struct Outcome {
    code: i32,
    stdout: String,
    stderr: String,
    took: Duration,
    /// Peak resident set of the child, in KiB (ru_maxrss).
    max_rss_kb: i64,
}

const GNU_TIME: &str = "/usr/bin/time";
static RUNS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// The peak RSS (KiB) GNU time wrote, if it ran; the file is removed.
fn gnu_time_rss(file: &Path) -> Option<i64> {
    let text = fs::read_to_string(file).ok()?;
    let _ = fs::remove_file(file);
    // "Command exited with non-zero status 2" may come first; the figure is the last line.
    text.lines().last()?.trim().parse().ok()
}

fn reader(mut pipe: impl Read + Send + 'static) -> std::thread::JoinHandle<String> {
    std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = pipe.read_to_end(&mut bytes);
        String::from_utf8_lossy(&bytes).into_owned()
    })
}

/// Runs `yusuan check --data path`, reaping it with wait4 to learn its peak memory; a child that
/// does not end within `STUCK` is killed and fails the test.
// The child is reaped by wait4 (or killed and waited for), which clippy cannot see.
#[allow(clippy::zombie_processes)]
fn check(path: &Path) -> Outcome {
    let start = Instant::now();
    // GNU time measures the binary alone. Without it, wait4's figure is an upper bound: Linux
    // counts the pre-exec image, which is this test process's.
    let time_out = std::env::temp_dir().join(format!(
        "yusuan-harden-rss-{}-{}",
        std::process::id(),
        RUNS.fetch_add(1, std::sync::atomic::Ordering::SeqCst)
    ));
    let mut command = if Path::new(GNU_TIME).exists() {
        let mut c = Command::new(GNU_TIME);
        c.arg("-o").arg(&time_out).args(["-f", "%M"]);
        c.arg(env!("CARGO_BIN_EXE_yusuan"));
        c
    } else {
        Command::new(env!("CARGO_BIN_EXE_yusuan"))
    };
    let mut child = command
        .arg("check")
        .arg("--data")
        .arg(path)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn yusuan");
    let out = reader(child.stdout.take().expect("stdout"));
    let err = reader(child.stderr.take().expect("stderr"));
    let pid = child.id() as libc::pid_t;
    let (status, usage) = loop {
        let mut status = 0;
        // SAFETY: a zeroed rusage is a valid value; wait4 writes it for our own child.
        let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
        // SAFETY: pid is our child, not yet reaped (std's Child is never waited on).
        let r = unsafe { libc::wait4(pid, &mut status, libc::WNOHANG, &mut usage) };
        assert!(r >= 0, "wait4 failed");
        if r == pid {
            break (status, usage);
        }
        if start.elapsed() > STUCK {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "yusuan check --data {} is stuck after {STUCK:?}",
                path.display()
            );
        }
        sleep(Duration::from_millis(5));
    };
    let took = start.elapsed();
    let code = if libc::WIFEXITED(status) {
        libc::WEXITSTATUS(status)
    } else {
        // Killed by a signal (a stack overflow is SIGSEGV/SIGABRT): report it as 128 + n.
        128 + libc::WTERMSIG(status)
    };
    Outcome {
        code,
        stdout: out.join().unwrap_or_default(),
        stderr: err.join().unwrap_or_default(),
        took,
        max_rss_kb: gnu_time_rss(&time_out).unwrap_or(usage.ru_maxrss),
    }
}

/// Exit 2, no panic, nothing on stdout, and one line on stderr: `yusuan: error: FILE…PROBLEM`.
fn assert_refused(what: &str, path: &Path, o: &Outcome, problem: &str) {
    println!(
        "{what}: exit {}, {} ms, peak RSS {} KiB: {}",
        o.code,
        o.took.as_millis(),
        o.max_rss_kb,
        o.stderr.trim_end()
    );
    assert!(!o.stderr.contains("panicked"), "{what} panicked: {o:?}");
    assert_eq!(o.code, 2, "{what}: exit code: {o:?}");
    assert!(o.stdout.is_empty(), "{what}: stdout: {o:?}");
    let message = o.stderr.trim_end();
    assert_eq!(message.lines().count(), 1, "{what}: one paragraph: {o:?}");
    let file = path.display().to_string();
    assert!(
        message.starts_with(&format!("yusuan: error: {file}")),
        "{what}: the message names the file first: {message}"
    );
    assert!(
        message.contains(problem),
        "{what}: expected {problem:?} in {message}"
    );
    assert!(o.took < QUICK, "{what}: took {:?}", o.took);
    assert!(
        o.max_rss_kb < MAX_RSS_KB,
        "{what}: peak RSS {} KiB",
        o.max_rss_kb
    );
}

fn euid_is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

#[test]
fn an_empty_file() {
    let s = Scratch::new("empty");
    let p = s.path("empty.json");
    File::create(&p).expect("create");
    assert_refused("empty", &p, &check(&p), "is empty");
    let blank = s.path("blank.json");
    fs::write(&blank, " \n\t\r\n").expect("write");
    assert_refused("whitespace only", &blank, &check(&blank), "is empty");
}

#[test]
fn a_100_mb_file_is_refused_unread() {
    let s = Scratch::new("big");
    let p = s.path("big.json");
    // Sparse: 100 MiB that cost no disk.
    File::create(&p)
        .and_then(|f| f.set_len(100 << 20))
        .expect("sparse file");
    let o = check(&p);
    assert_refused(
        "100 MiB",
        &p,
        &o,
        "is 104857600 bytes, more than the 67108864 bytes a document may have",
    );
    // Refused from its size alone: far less memory than the file.
    assert!(o.max_rss_kb < 50 * 1024, "read the file? {o:?}");
}

#[test]
fn a_file_just_under_the_limit_is_read_once_and_refused() {
    let s = Scratch::new("near");
    let p = s.path("near.json");
    // 64 MiB - 1 of NUL bytes: under the size limit, so it is read; not JSON.
    File::create(&p)
        .and_then(|f| f.set_len((64 << 20) - 1))
        .expect("sparse file");
    let o = check(&p);
    assert_refused("64 MiB - 1 of NUL", &p, &o, "line 1, column 1");
}

#[test]
fn deeply_nested_json() {
    let s = Scratch::new("deep");
    let cases = [
        ("arrays.json", "[".repeat(100_000)),
        (
            "closed.json",
            format!("{}{}", "[".repeat(100_000), "]".repeat(100_000)),
        ),
        ("objects.json", "{\"a\":".repeat(100_000)),
        (
            "in-a-field.json",
            format!("{{\"title\":{}", "[".repeat(100_000)),
        ),
        (
            "in-tables.json",
            format!("{{\"tables\":[{{\"rows\":{}", "[{\"rows\":".repeat(50_000)),
        ),
    ];
    for (name, text) in cases {
        let p = s.path(name);
        fs::write(&p, text).expect("write");
        // No stack overflow (that would be a signal, not exit 2): a located JSON error.
        assert_refused(name, &p, &check(&p), "line 1, column");
    }
}

#[test]
fn non_utf8_text() {
    let s = Scratch::new("utf8");
    let p = s.path("gbk.json");
    // "预算" in GBK, where UTF-8 is expected.
    fs::write(&p, b"{\"title\": \"\xd4\xa4\xcb\xe3\"}").expect("write");
    assert_refused(
        "GBK text",
        &p,
        &check(&p),
        // 预 (D4 A4) happens to be valid UTF-8; 算 (CB E3) is not: byte 13, column 14.
        "line 1, column 14: is not valid UTF-8 text",
    );
}

#[test]
fn a_folder_with_no_documents() {
    let s = Scratch::new("nodocs");
    let dir = s.path("folder");
    fs::create_dir_all(dir.join("sub")).expect("mkdir");
    fs::write(dir.join("notes.txt"), "not a document").expect("write");
    assert_refused(
        "empty folder",
        &dir,
        &check(&dir),
        "holds no *.json or *.pdf documents",
    );
}

#[test]
fn a_file_that_cannot_be_read() {
    let s = Scratch::new("perm");
    if euid_is_root() {
        // Root reads through any permission bits, so chmod 000 proves nothing here. Test the
        // message path with something that is not a readable file instead: a folder named
        // like a document (the FIFO case is `a_fifo_is_refused_not_waited_on`, below).
        println!("running as root: a folder named x.json stands in for an unreadable file");
        let p = s.path("x.json");
        fs::create_dir(&p).expect("mkdir");
        assert_refused(
            "folder named x.json",
            &p,
            &check(&p),
            "holds no *.json or *.pdf documents",
        );
    } else {
        use std::os::unix::fs::PermissionsExt;
        let p = s.path("secret.json");
        fs::write(&p, yusuan::core::load::BUNDLED_JSON).expect("write");
        fs::set_permissions(&p, fs::Permissions::from_mode(0o000)).expect("chmod");
        assert_refused("chmod 000", &p, &check(&p), "permission denied");
    }
}

/// Opening a FIFO blocks until a writer comes: `--data fifo.json` (or a folder holding one) must
/// be refused from its metadata, never opened.
#[test]
fn a_fifo_is_refused_not_waited_on() {
    let s = Scratch::new("fifo");
    let p = s.path("fifo.json");
    let made = Command::new("mkfifo").arg(&p).status().expect("mkfifo");
    assert!(made.success());
    assert_refused("FIFO", &p, &check(&p), "not a regular file");
    let dir = s.path("folder");
    fs::create_dir(&dir).expect("mkdir");
    fs::write(dir.join("real.json"), yusuan::core::load::BUNDLED_JSON).expect("write");
    let fifo = dir.join("pipe.json");
    let made = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
    assert!(made.success());
    let o = check(&dir);
    // The real document still loads and is checked; the skipped FIFO makes the exit 2 (issue 11).
    assert_eq!(o.code, 2, "{o:?}");
    assert!(
        o.stdout.contains("共 296 项"),
        "the real document still loads: {o:?}"
    );
    assert!(o.stderr.contains("pipe.json"), "the FIFO is named: {o:?}");
}

#[test]
fn symlink_loops() {
    let s = Scratch::new("links");
    // a.json -> b.json -> a.json
    let a = s.path("a.json");
    let b = s.path("b.json");
    symlink("b.json", &a).expect("symlink");
    symlink("a.json", &b).expect("symlink");
    assert_refused(
        "a -> b -> a",
        &a,
        &check(&a),
        "Too many levels of symbolic links",
    );

    // A folder of nothing but the loop: both files fail, the folder is refused, naming one.
    let loops = s.path("loops");
    fs::create_dir(&loops).expect("mkdir");
    symlink("y.json", loops.join("x.json")).expect("symlink");
    symlink("x.json", loops.join("y.json")).expect("symlink");
    let o = check(&loops);
    assert_refused(
        "folder of a loop",
        &loops,
        &o,
        "none of its 2 documents loaded",
    );
    assert!(o.stderr.contains("x.json"), "{o:?}");

    // A folder whose subfolder links back to its parent, and no documents: the walk ends.
    let up = s.path("up");
    fs::create_dir_all(up.join("sub")).expect("mkdir");
    symlink("..", up.join("sub/parent")).expect("symlink");
    symlink("../up", up.join("self")).expect("symlink");
    assert_refused(
        "folder linking to its parent",
        &up,
        &check(&up),
        "holds no *.json or *.pdf documents",
    );

    // The same loop with one real document: read once, checked, exit 0.
    fs::write(up.join("sub/doc.json"), yusuan::core::load::BUNDLED_JSON).expect("write");
    let o = check(&up);
    println!(
        "folder loop with a document: exit {}, {} ms",
        o.code,
        o.took.as_millis()
    );
    assert_eq!(o.code, 0, "{o:?}");
    assert!(!o.stderr.contains("two documents"), "read twice: {o:?}");
    assert!(o.took < QUICK, "{o:?}");
}
