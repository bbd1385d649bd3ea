//! Leaving the terminal as it was found. A prompt hides the cursor and puts the terminal
//! in raw mode; on Ctrl-C, console (dialoguer's terminal layer) restores the mode and
//! then raises SIGINT, which would end `tab` with the cursor still hidden. While a guard
//! lives, SIGINT and SIGTERM run a handler that puts back the terminal settings saved
//! when the guard was made, shows the cursor, and exits 130. Dropping the guard (Esc, an
//! answer, an error) shows the cursor and puts the previous handlers back.

/// See the module documentation.
pub(super) struct TerminalGuard {
    #[cfg(unix)]
    previous: Option<[libc::sigaction; 2]>,
}

/// The escape sequence that shows the cursor.
const SHOW_CURSOR: &[u8] = b"\x1b[?25h";

#[cfg(unix)]
mod unix {
    use std::sync::OnceLock;

    /// Standard input's terminal settings when the first guard was made. Written once,
    /// before any handler is installed; a signal handler may read it.
    pub(super) static SAVED: OnceLock<libc::termios> = OnceLock::new();

    pub(super) extern "C" fn restore_and_exit(_signal: libc::c_int) {
        // SAFETY: only async-signal-safe calls (tcsetattr, write, _exit) on fds 0 and 2.
        unsafe {
            if let Some(termios) = SAVED.get() {
                libc::tcsetattr(0, libc::TCSANOW, termios);
            }
            let show = super::SHOW_CURSOR;
            libc::write(2, show.as_ptr().cast(), show.len());
            libc::_exit(130);
        }
    }
}

impl TerminalGuard {
    /// Saves the terminal's settings and installs the handlers.
    pub(super) fn new() -> TerminalGuard {
        #[cfg(unix)]
        {
            // SAFETY: tcgetattr writes into the struct it is given; sigaction installs a
            // handler that is async-signal-safe, and keeps the previous ones to put back.
            unsafe {
                let mut termios = std::mem::zeroed::<libc::termios>();
                if libc::tcgetattr(0, &mut termios) == 0 {
                    let _ = unix::SAVED.set(termios);
                }
                let mut action = std::mem::zeroed::<libc::sigaction>();
                action.sa_sigaction = unix::restore_and_exit as *const () as libc::sighandler_t;
                libc::sigemptyset(&mut action.sa_mask);
                let mut previous = [std::mem::zeroed::<libc::sigaction>(); 2];
                let installed = libc::sigaction(libc::SIGINT, &action, &mut previous[0]) == 0
                    && libc::sigaction(libc::SIGTERM, &action, &mut previous[1]) == 0;
                TerminalGuard {
                    previous: installed.then_some(previous),
                }
            }
        }
        #[cfg(not(unix))]
        TerminalGuard {}
    }
}

impl Drop for TerminalGuard {
    // The guard puts the cursor back on the terminal it hid it on (clippy.toml).
    #[allow(clippy::disallowed_methods)]
    fn drop(&mut self) {
        use std::io::{IsTerminal as _, Write as _};
        let mut stderr = std::io::stderr();
        if stderr.is_terminal() {
            let _ = stderr.write_all(SHOW_CURSOR);
            let _ = stderr.flush();
        }
        #[cfg(unix)]
        if let Some(previous) = &self.previous {
            // SAFETY: puts back the handlers saved in `new`.
            unsafe {
                libc::sigaction(libc::SIGINT, &previous[0], std::ptr::null_mut());
                libc::sigaction(libc::SIGTERM, &previous[1], std::ptr::null_mut());
            }
        }
    }
}
