//! Running `tab` on a real pseudo-terminal, as a person would: the terminal is its
//! standard input, output and error and its controlling terminal, so Ctrl-C written to
//! the terminal becomes SIGINT, and colour and glyph decisions see a terminal.

use std::fs::File;
use std::io::{Read as _, Write as _};
use std::os::fd::{AsRawFd as _, FromRawFd as _, OwnedFd};
use std::os::unix::process::CommandExt as _;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A program running on a pseudo-terminal.
pub struct PtyRun {
    master: File,
    /// Kept open to read the terminal's settings after the program has exited.
    slave: OwnedFd,
    child: Child,
    screen: Arc<Mutex<Vec<u8>>>,
    /// The terminal's local-mode flags before the program started.
    pub initial_flags: libc::tcflag_t,
}

impl PtyRun {
    /// Starts `command` on a new 100x30 pseudo-terminal.
    pub fn spawn(command: Command) -> PtyRun {
        Self::spawn_sized(command, 100, 30)
    }

    /// Starts `command` on a new pseudo-terminal of `columns` by `rows`.
    pub fn spawn_sized(mut command: Command, columns: u16, rows: u16) -> PtyRun {
        let (mut master, mut slave) = (0, 0);
        let size = libc::winsize {
            ws_row: rows,
            ws_col: columns,
            ws_xpixel: 0,
            ws_ypixel: 0,
        };
        // SAFETY: openpty writes two new descriptors into the integers given.
        let opened = unsafe {
            libc::openpty(
                &mut master,
                &mut slave,
                std::ptr::null_mut(),
                std::ptr::null(),
                &size,
            )
        };
        assert_eq!(opened, 0, "openpty failed");
        // SAFETY: both descriptors were just opened and are owned here alone.
        let (master, slave) = unsafe { (File::from_raw_fd(master), OwnedFd::from_raw_fd(slave)) };
        for (stream, name) in [(0, "stdin"), (1, "stdout"), (2, "stderr")] {
            let fd = slave
                .try_clone()
                .unwrap_or_else(|_| panic!("dup for {name}"));
            match stream {
                0 => command.stdin(Stdio::from(fd)),
                1 => command.stdout(Stdio::from(fd)),
                _ => command.stderr(Stdio::from(fd)),
            };
        }
        // SAFETY: setsid and ioctl are async-signal-safe; the child makes the terminal on
        // its standard input its controlling terminal, in a session of its own.
        unsafe {
            command.pre_exec(|| {
                if libc::setsid() == -1 || libc::ioctl(0, libc::TIOCSCTTY, 0) == -1 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
        let initial_flags = local_flags(&slave);
        let child = command.spawn().expect("start the program on the terminal");
        let screen = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&screen);
        let mut reader = master.try_clone().expect("dup master");
        std::thread::spawn(move || {
            let mut buffer = [0u8; 4096];
            // Reading ends with EIO once the program and every copy of the slave are gone.
            while let Ok(n) = reader.read(&mut buffer) {
                if n == 0 {
                    break;
                }
                sink.lock().expect("screen").extend_from_slice(&buffer[..n]);
            }
        });
        PtyRun {
            master,
            slave,
            child,
            screen,
            initial_flags,
        }
    }

    /// Everything the program wrote to the terminal so far.
    pub fn output(&self) -> String {
        String::from_utf8_lossy(&self.screen.lock().expect("screen")).into_owned()
    }

    /// Waits until the output contains `text`; panics with the output after 30 s.
    pub fn wait_for(&self, text: &str) {
        let deadline = Instant::now() + Duration::from_secs(30);
        while !self.output().contains(text) {
            assert!(
                Instant::now() < deadline,
                "never saw {text:?} in {:?}",
                self.output()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Types `keys` on the terminal.
    pub fn type_keys(&mut self, keys: &[u8]) {
        self.master.write_all(keys).expect("type");
        self.master.flush().expect("flush");
    }

    /// The terminal's local-mode flags now (echo, canonical input, signals).
    pub fn local_flags(&self) -> libc::tcflag_t {
        local_flags(&self.slave)
    }

    /// Waits for the program to exit (30 s at most); its status.
    pub fn wait(&mut self) -> ExitStatus {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if let Some(status) = self.child.try_wait().expect("poll") {
                // Let the reader take what is left on the terminal.
                std::thread::sleep(Duration::from_millis(100));
                return status;
            }
            assert!(
                Instant::now() < deadline,
                "still running: {:?}",
                self.output()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

fn local_flags(terminal: &OwnedFd) -> libc::tcflag_t {
    // SAFETY: tcgetattr writes into the struct it is given.
    unsafe {
        let mut termios = std::mem::zeroed::<libc::termios>();
        assert_eq!(libc::tcgetattr(terminal.as_raw_fd(), &mut termios), 0);
        termios.c_lflag
    }
}

impl Drop for PtyRun {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
