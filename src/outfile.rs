//! Writing a large output file without taking time from the workers.
//!
//! A run can write hundreds of MB (mentions of the Reuters corpus ten times
//! over: 429 MB). Written the usual way, through the page cache, every byte
//! is copied by the kernel into fresh cache pages, on the writing thread's
//! time, and the pages are written back to the disk later by kernel threads:
//! on the 2-core machines this was measured on, a run writing 429 MB spent
//! 0.5-1.7 s of system time, on the cores the workers need.
//!
//! On Linux, [`OutFile`] opens the file with `O_DIRECT` instead and writes it
//! from a buffer aligned to 4096 bytes in whole 1 MB blocks: the disk reads
//! the bytes from the buffer itself (DMA), and the kernel copies nothing (the
//! same run: 0.1-0.3 s of system time; `dd` alone wrote
//! 453 MB at 1.7 GB/s in 0.05 s of CPU). The end of the file, which is not a
//! whole block, is written through the page cache once `O_DIRECT` has been
//! turned off. Where the file system refuses `O_DIRECT` (older tmpfs, some
//! network and FUSE file systems), or refuses a write, the file
//! is written through the page cache from then on, with the early writeback
//! of [`Writeback`]; the bytes and their order are the same either way.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::Path;

#[cfg(target_os = "linux")]
use crate::direct::{clear_direct, Aligned, ALIGN, BLOCK};

/// A file being written: see the module documentation.
pub(crate) struct OutFile {
    inner: Inner,
}

enum Inner {
    #[cfg(target_os = "linux")]
    Direct(Direct),
    Buffered {
        out: BufWriter<File>,
        writeback: Option<Writeback>,
    },
}

/// The output writer's buffer when the file goes through the page cache,
/// bytes.
pub(crate) const WRITE_BUFFER: usize = 1 << 16;

impl OutFile {
    /// Creates (or truncates) the file at `path` for writing.
    pub(crate) fn create(path: &Path) -> io::Result<OutFile> {
        #[cfg(target_os = "linux")]
        {
            use std::os::unix::fs::OpenOptionsExt;
            let direct = File::options()
                .write(true)
                .create(true)
                .truncate(true)
                .custom_flags(libc::O_DIRECT)
                .open(path);
            match direct {
                Ok(file) => {
                    return Ok(OutFile {
                        inner: Inner::Direct(Direct::new(file)),
                    })
                }
                // EINVAL: this file system has no direct I/O.
                Err(e) if e.raw_os_error() == Some(libc::EINVAL) => {}
                Err(e) => return Err(e),
            }
        }
        let file = File::create(path)?;
        Ok(OutFile::buffered(file))
    }

    fn buffered(file: File) -> OutFile {
        OutFile {
            inner: Inner::Buffered {
                writeback: Writeback::new(&file),
                out: BufWriter::with_capacity(WRITE_BUFFER, file),
            },
        }
    }

    /// True while the file is written with direct I/O (for the tests).
    #[cfg(test)]
    fn is_direct(&self) -> bool {
        #[cfg(target_os = "linux")]
        if let Inner::Direct(d) = &self.inner {
            return d.direct;
        }
        false
    }
}

impl Write for OutFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match &mut self.inner {
            #[cfg(target_os = "linux")]
            Inner::Direct(d) => d.write(buf),
            Inner::Buffered { out, writeback } => {
                let n = out.write(buf)?;
                if let Some(w) = writeback {
                    w.wrote(n);
                }
                Ok(n)
            }
        }
    }

    /// Writes out everything held. For a file written with direct I/O this
    /// ends the direct writes: the bytes after a flush go through the page
    /// cache (a flush leaves the file at an offset that is not a whole
    /// block). The batch runner flushes only at the end.
    fn flush(&mut self) -> io::Result<()> {
        match &mut self.inner {
            #[cfg(target_os = "linux")]
            Inner::Direct(d) => d.flush(),
            Inner::Buffered { out, .. } => out.flush(),
        }
    }
}

/// A file opened with `O_DIRECT`, and the aligned buffer it is written from.
#[cfg(target_os = "linux")]
struct Direct {
    file: File,
    /// One block, aligned for direct I/O.
    buf: Aligned,
    /// Bytes held in the buffer.
    len: usize,
    /// False once direct I/O has been turned off: the rest of the file goes
    /// through the page cache.
    direct: bool,
}

#[cfg(target_os = "linux")]
impl Direct {
    /// Whole blocks of [`BLOCK`] bytes (1 MB), small enough that records
    /// reach the file soon after they are made.
    fn new(file: File) -> Direct {
        Direct {
            file,
            buf: Aligned::new(BLOCK),
            len: 0,
            direct: true,
        }
    }

    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = buf.len().min(BLOCK - self.len);
        self.buf.as_mut_slice()[self.len..self.len + n].copy_from_slice(&buf[..n]);
        self.len += n;
        if self.len == BLOCK {
            self.put(BLOCK)?;
            self.len = 0;
        }
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        // The whole blocks directly, then the rest through the page cache.
        let whole = self.len & !(ALIGN - 1);
        if self.direct && whole > 0 {
            self.put(whole)?;
            self.buf.as_mut_slice().copy_within(whole..self.len, 0);
            self.len -= whole;
        }
        if self.len > 0 {
            self.buffered()?;
            self.put(self.len)?;
            self.len = 0;
        }
        Ok(())
    }

    /// Writes the first `n` bytes of the buffer (a multiple of `ALIGN` while
    /// `direct`). A write that direct I/O refuses (EINVAL) or cuts short is
    /// finished through the page cache.
    fn put(&mut self, n: usize) -> io::Result<()> {
        let mut done = 0;
        if self.direct {
            let data = &self.buf.as_slice()[..n];
            loop {
                match (&self.file).write(data) {
                    Ok(w) if w == n => return Ok(()),
                    Ok(w) => {
                        done = w;
                        break;
                    }
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                    Err(e) if e.raw_os_error() == Some(libc::EINVAL) => break,
                    Err(e) => return Err(e),
                }
            }
            self.buffered()?;
        }
        (&self.file).write_all(&self.buf.as_slice()[done..n])
    }

    /// Turns direct I/O off for the rest of the file.
    fn buffered(&mut self) -> io::Result<()> {
        if self.direct {
            clear_direct(&self.file)?;
            self.direct = false;
        }
        Ok(())
    }
}

#[cfg(target_os = "linux")]
impl Drop for Direct {
    /// Writes out what is held, as `BufWriter` does when dropped; errors
    /// are lost here, so writers that care flush first (the sink does).
    fn drop(&mut self) {
        let _ = self.flush();
    }
}

/// Asks the kernel to start writing a file's dirty pages every few MB, for
/// a file written through the page cache.
///
/// The output is synced before it is renamed into place. Left to itself the
/// kernel keeps hundreds of MB dirty in memory until then, and the sync waits
/// for all of it at the end of the run, on one thread, while nothing else
/// runs: 0.19 s of a 3.7 s run writing 425 MB of mentions (5%). Started
/// every 8 MB (`sync_file_range` with `SYNC_FILE_RANGE_WRITE`, which does
/// not wait), the writes overlap the processing. Each request also waits
/// for the bytes of the one before it to reach the disk (written 8 MB ago,
/// so it seldom waits at all): without that the disk fell behind and the
/// final sync still waited 0.37-0.41 s on 430 MB; with it, 0.13-0.22 s.
/// Elsewhere than Linux it does nothing.
struct Writeback {
    /// The file, a second handle of its own: no raw descriptor that could
    /// outlive the writer's.
    file: File,
    /// Bytes handed to the file's writer so far.
    written: u64,
    /// `written` when the last request was made.
    requested: u64,
    /// The bytes up to here are on disk.
    waited: u64,
}

impl Writeback {
    const EVERY: u64 = 8 << 20;

    /// None when the file's handle cannot be cloned: then the final sync
    /// does all the work, as it would without this.
    fn new(file: &File) -> Option<Writeback> {
        Some(Writeback {
            file: file.try_clone().ok()?,
            written: 0,
            requested: 0,
            waited: 0,
        })
    }

    /// Counts `n` more bytes written, and starts the writeback of what has
    /// reached the file when enough has.
    fn wrote(&mut self, n: usize) {
        self.written += n as u64;
        if self.written - self.requested < Self::EVERY {
            return;
        }
        // From a little before the last request: the writer's buffer may
        // have held the bytes just before it. A length of 0 means "to the
        // end of the file".
        let from = self.requested.saturating_sub(WRITE_BUFFER as u64);
        #[cfg(target_os = "linux")]
        // SAFETY: the descriptor is `self.file`'s, open while `self` lives;
        // the call only reads its arguments. A failure only means the final
        // sync does all the work.
        unsafe {
            let fd = std::os::fd::AsRawFd::as_raw_fd(&self.file);
            if self.waited < from {
                libc::sync_file_range(
                    fd,
                    self.waited as libc::off64_t,
                    (from - self.waited) as libc::off64_t,
                    libc::SYNC_FILE_RANGE_WAIT_BEFORE
                        | libc::SYNC_FILE_RANGE_WRITE
                        | libc::SYNC_FILE_RANGE_WAIT_AFTER,
                );
                self.waited = from;
            }
            libc::sync_file_range(fd, from as libc::off64_t, 0, libc::SYNC_FILE_RANGE_WRITE);
        }
        #[cfg(not(target_os = "linux"))]
        let _ = (from, &self.file);
        self.requested = self.written;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Records of uneven sizes, `total` bytes or a little more.
    fn records(total: usize) -> Vec<Vec<u8>> {
        let mut out = Vec::new();
        let mut len = 0;
        let mut i = 0u64;
        while len < total {
            let line = format!(
                "{{\"n\":{i},\"pad\":\"{}\"}}\n",
                "x".repeat((i * 7919 % 9000) as usize)
            );
            len += line.len();
            out.push(line.into_bytes());
            i += 1;
        }
        out
    }

    /// Writes [`records`] of `total` bytes (or a little more) to `f`;
    /// returns what was written.
    fn write_records(f: &mut OutFile, total: usize) -> Vec<u8> {
        let mut written = Vec::new();
        for r in records(total) {
            f.write_all(&r).unwrap();
            written.extend_from_slice(&r);
        }
        written
    }

    fn scratch(name: &str) -> std::path::PathBuf {
        // Under the target directory, not /tmp: /tmp is often tmpfs, which
        // has no direct I/O, and the direct path is the one to test.
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("target")
            .join(format!("outfile-test-{}-{name}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    /// Output of several blocks and a tail arrives whole and in order, on
    /// whichever path the file system allows.
    #[test]
    fn every_byte_arrives_in_order_across_blocks_and_the_tail() {
        let dir = scratch("blocks");
        let path = dir.join("out.jsonl");
        let mut f = OutFile::create(&path).unwrap();
        // 10.5 MB: ten whole blocks and part of another.
        let mut expected = write_records(&mut f, 21 << 19);
        // One write larger than a block.
        let big = vec![b'y'; (5 << 20) + 3];
        f.write_all(&big).unwrap();
        expected.extend_from_slice(&big);
        f.flush().unwrap();
        assert!(!f.is_direct(), "a flush with a tail ends direct I/O");
        f.write_all(b"after the flush\n").unwrap();
        expected.extend_from_slice(b"after the flush\n");
        f.flush().unwrap();
        drop(f);
        assert!(std::fs::read(&path).unwrap() == expected);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// Dropped without a flush, the file still gets every byte (as a
    /// `BufWriter` would).
    #[test]
    fn dropping_without_a_flush_writes_what_is_held() {
        let dir = scratch("drop");
        let path = dir.join("out.jsonl");
        let mut f = OutFile::create(&path).unwrap();
        let expected = write_records(&mut f, 3 << 20);
        drop(f);
        assert!(std::fs::read(&path).unwrap() == expected);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// A file that ends on a whole block is written with direct I/O to the
    /// end, and nothing is lost or doubled.
    #[cfg(target_os = "linux")]
    #[test]
    fn a_file_of_whole_blocks_stays_direct() {
        let dir = scratch("whole");
        let path = dir.join("out.bin");
        let mut f = OutFile::create(&path).unwrap();
        let data: Vec<u8> = (0..(BLOCK * 2 + ALIGN * 3))
            .map(|i| (i % 251) as u8)
            .collect();
        for piece in data.chunks(100_003) {
            f.write_all(piece).unwrap();
        }
        // Still direct after two whole blocks, unless this file system
        // refused direct writes (then the file went through the page cache).
        let direct = f.is_direct();
        f.flush().unwrap();
        assert_eq!(f.is_direct(), direct);
        drop(f);
        assert!(std::fs::read(&path).unwrap() == data);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// The page-cache path (what a file system without direct I/O gets)
    /// keeps every byte across the writeback steps too.
    #[test]
    fn the_buffered_path_keeps_every_byte_across_writeback_steps() {
        let dir = scratch("buffered");
        let path = dir.join("out.jsonl");
        let mut f = OutFile::buffered(File::create(&path).unwrap());
        let expected = write_records(&mut f, 20 << 20);
        if let Inner::Buffered { writeback, .. } = &f.inner {
            assert!(writeback.as_ref().unwrap().requested >= 16 << 20);
        }
        f.flush().unwrap();
        drop(f);
        assert!(std::fs::read(&path).unwrap() == expected);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
