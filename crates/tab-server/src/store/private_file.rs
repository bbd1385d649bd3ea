//! The SQLite database holds the signing key and every live session id: whoever can read
//! it can forge a token for any session. So its directory is created 0700 and the file
//! 0600 whatever the umask (SQLite gives the `-wal` and `-shm` files the database file's
//! mode), and a database that group or others can read is refused at start.

use std::path::Path;

/// Creates the database's directory and file privately if they do not exist, and refuses
/// an existing database (or its `-wal`/`-shm` file) that others can read.
pub(super) fn prepare(path: &Path) -> anyhow::Result<()> {
    if let Some(dir) = path.parent()
        && !dir.as_os_str().is_empty()
        && !dir.exists()
    {
        create_private_dir(dir)?;
    }
    create_private_file(path)?;
    refuse_shared(path)
}

/// Refuses a database (or its `-wal`/`-shm` file) that group or others can read.
pub(super) fn refuse_shared(path: &Path) -> anyhow::Result<()> {
    for suffix in ["", "-wal", "-shm"] {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        refuse_if_shared(Path::new(&name))?;
    }
    Ok(())
}

#[cfg(unix)]
fn create_private_dir(dir: &Path) -> anyhow::Result<()> {
    use std::os::unix::fs::{DirBuilderExt as _, PermissionsExt as _};
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
        .map_err(|e| anyhow::anyhow!("cannot create {}: {e}", dir.display()))?;
    // The umask may have taken bits away from 0700; never leave it wider, nor narrower.
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))
        .map_err(|e| anyhow::anyhow!("cannot make {} private: {e}", dir.display()))
}

/// Creates a new, empty file at `path` readable by its owner only (a backup's), and
/// refuses one that exists: a backup never overwrites anything.
pub(super) fn create_empty(path: &Path) -> anyhow::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.mode(0o600);
    }
    match options.open(path) {
        Ok(_) => {}
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            anyhow::bail!(
                "{} already exists: a backup never replaces a file",
                path.display()
            )
        }
        Err(e) => anyhow::bail!("cannot create {}: {e}", path.display()),
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))
            .map_err(|e| anyhow::anyhow!("cannot make {} private: {e}", path.display()))?;
    }
    Ok(())
}

#[cfg(not(unix))]
fn create_private_dir(dir: &Path) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir)
        .map_err(|e| anyhow::anyhow!("cannot create {}: {e}", dir.display()))
}

#[cfg(unix)]
fn create_private_file(path: &Path) -> anyhow::Result<()> {
    use std::os::unix::fs::{OpenOptionsExt as _, PermissionsExt as _};
    match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
    {
        Ok(_) => std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))
            .map_err(|e| anyhow::anyhow!("cannot make {} private: {e}", path.display())),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(anyhow::anyhow!("cannot create {}: {e}", path.display())),
    }
}

#[cfg(not(unix))]
fn create_private_file(_path: &Path) -> anyhow::Result<()> {
    Ok(())
}

#[cfg(unix)]
fn refuse_if_shared(path: &Path) -> anyhow::Result<()> {
    use std::os::unix::fs::PermissionsExt as _;
    let Ok(metadata) = std::fs::metadata(path) else {
        return Ok(());
    };
    let mode = metadata.permissions().mode() & 0o777;
    if mode & 0o077 != 0 {
        anyhow::bail!(
            "refusing to use {}: other users of this machine can access it (mode {mode:o}), and \
             it holds the signing key and live sessions; make it private with `chmod 600 {}`",
            path.display(),
            path.display()
        );
    }
    Ok(())
}

#[cfg(not(unix))]
fn refuse_if_shared(_path: &Path) -> anyhow::Result<()> {
    Ok(())
}
