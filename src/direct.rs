//! Direct I/O (`O_DIRECT`) for the large files a run streams through: the
//! pieces that reading the input ([`InFile`]) and writing the output
//! ([`crate::outfile`]) share.
//!
//! Through the page cache, every byte of a file is copied by the kernel
//! between its cache pages and the program's buffer, on the reading or
//! writing thread's time. On the 2-core machines this was measured on, that
//! time is the workers' when the run uses both cores: the output side is
//! told in [`crate::outfile`]; on the input side, reading the Reuters corpus
//! ten times over (236 MB) from a cold cache cost the reading thread 0.5 s
//! in the kernel's copy (`_copy_to_iter`, 4.4% of all the samples of a
//! 2-thread run), where `dd iflag=direct` read the same file in 0.03 s of
//! CPU. With `O_DIRECT` the disk puts the bytes in the buffer itself (DMA).
//!
//! Direct I/O wants the buffer's address, the transfer's length and the file
//! offset to be multiples of the device's logical block size (512 or 4096
//! bytes): [`Aligned`] is a buffer aligned to 4096, and transfers are whole
//! 1 MB blocks. Where the file system refuses `O_DIRECT` (EINVAL: some
//! network and FUSE file systems, older tmpfs), the same code goes through
//! the page cache; the bytes are the same either way.

use std::fs::File;
use std::io::{self, BufRead, Read};
use std::path::Path;

/// The alignment direct transfers need (and more than any disk's block).
pub(crate) const ALIGN: usize = 4096;

/// Bytes per direct transfer: large enough that the cost per request
/// (pinning the pages, one request to the disk) is small (`dd` with direct
/// I/O wrote 440 MB at 1.1 GB/s in 256 KB blocks, 1.8 in 1 MB, 1.9 in 4 MB).
pub(crate) const BLOCK: usize = 1 << 20;

/// A buffer of `len` bytes whose address is a multiple of [`ALIGN`], carved
/// out of a plain `Vec` (no unsafe allocation).
pub(crate) struct Aligned {
    mem: Vec<u8>,
    at: usize,
    len: usize,
}

impl Aligned {
    pub(crate) fn new(len: usize) -> Aligned {
        let mem = vec![0u8; len + ALIGN];
        let at = mem.as_ptr().align_offset(ALIGN);
        Aligned { mem, at, len }
    }

    pub(crate) fn as_slice(&self) -> &[u8] {
        &self.mem[self.at..self.at + self.len]
    }

    pub(crate) fn as_mut_slice(&mut self) -> &mut [u8] {
        &mut self.mem[self.at..self.at + self.len]
    }
}

/// Opens `path` for reading with `O_DIRECT` where the system has it: the
/// file and whether it is direct.
fn open_read(path: &Path) -> io::Result<(File, bool)> {
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::fs::OpenOptionsExt;
        match File::options()
            .read(true)
            .custom_flags(libc::O_DIRECT)
            .open(path)
        {
            Ok(file) => return Ok((file, true)),
            // EINVAL: this file system has no direct I/O.
            Err(e) if e.raw_os_error() == Some(libc::EINVAL) => {}
            Err(e) => return Err(e),
        }
    }
    Ok((File::open(path)?, false))
}

/// Clears `O_DIRECT` on an open file: what follows goes through the page
/// cache.
#[cfg(target_os = "linux")]
pub(crate) fn clear_direct(file: &File) -> io::Result<()> {
    let fd = std::os::fd::AsRawFd::as_raw_fd(file);
    // SAFETY: `fd` is `file`'s descriptor, open while `file` is borrowed;
    // F_GETFL and F_SETFL only read and set the file's status flags.
    unsafe {
        let flags = libc::fcntl(fd, libc::F_GETFL);
        if flags == -1 || libc::fcntl(fd, libc::F_SETFL, flags & !libc::O_DIRECT) == -1 {
            return Err(io::Error::last_os_error());
        }
    }
    Ok(())
}

/// An input file read in whole 1 MB blocks into an aligned buffer, with
/// direct I/O where the file system allows it, as a [`BufRead`] for the
/// line reader.
///
/// Every read but the last returns a whole block, so the file offset stays
/// a multiple of the block size. Should a read come back short anyway, or
/// be refused (EINVAL), direct I/O is turned off and the file is read on
/// from where it stands through the page cache; no byte is lost or read
/// twice.
pub(crate) struct InFile {
    file: File,
    buf: Aligned,
    /// The unread bytes are `buf[pos..filled]`.
    pos: usize,
    filled: usize,
    direct: bool,
}

impl InFile {
    pub(crate) fn open(path: &Path) -> io::Result<InFile> {
        let (file, direct) = open_read(path)?;
        Ok(InFile {
            file,
            buf: Aligned::new(BLOCK),
            pos: 0,
            filled: 0,
            direct,
        })
    }

    /// True while the file is read with direct I/O (for the tests).
    #[cfg(test)]
    fn is_direct(&self) -> bool {
        self.direct
    }

    /// Turns direct I/O off for the rest of the file.
    fn buffered(&mut self) -> io::Result<()> {
        #[cfg(target_os = "linux")]
        if self.direct {
            clear_direct(&self.file)?;
        }
        self.direct = false;
        Ok(())
    }
}

impl Read for InFile {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let n = {
            let have = self.fill_buf()?;
            let n = have.len().min(out.len());
            out[..n].copy_from_slice(&have[..n]);
            n
        };
        self.consume(n);
        Ok(n)
    }
}

impl BufRead for InFile {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.pos == self.filled {
            let n = loop {
                match self.file.read(self.buf.as_mut_slice()) {
                    Ok(n) => break n,
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                    // EINVAL: a transfer direct I/O cannot do.
                    Err(e) if self.direct && e.kind() == io::ErrorKind::InvalidInput => {
                        self.buffered()?
                    }
                    Err(e) => return Err(e),
                }
            };
            // A short read leaves the offset off the block size: the next
            // read, if there is one, goes through the page cache.
            if n < BLOCK {
                self.buffered()?;
            }
            self.pos = 0;
            self.filled = n;
        }
        Ok(&self.buf.as_slice()[self.pos..self.filled])
    }

    fn consume(&mut self, amt: usize) {
        self.pos = (self.pos + amt).min(self.filled);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    /// A file under `target/` (not `/tmp`, often tmpfs, which may have no
    /// direct I/O).
    fn scratch(name: &str, bytes: &[u8]) -> std::path::PathBuf {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/direct-tests");
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(format!("{name}-{}", std::process::id()));
        File::create(&path).unwrap().write_all(bytes).unwrap();
        path
    }

    fn pattern(len: usize) -> Vec<u8> {
        (0..len).map(|k| (k * 7 + k / 4096) as u8).collect()
    }

    #[test]
    fn every_byte_comes_back_in_order_whatever_the_reads() {
        // Whole blocks, a tail, a file smaller than a block, an empty one.
        for len in [3 * BLOCK + 12_345, 2 * BLOCK, 777, 0] {
            let want = pattern(len);
            let path = scratch(&format!("read-{len}"), &want);
            let mut got = Vec::new();
            InFile::open(&path).unwrap().read_to_end(&mut got).unwrap();
            assert_eq!(got.len(), want.len());
            assert!(got == want, "bytes differ for a file of {len}");
            // And through the line reader's calls, a few bytes at a time.
            let mut f = InFile::open(&path).unwrap();
            let mut got = Vec::new();
            loop {
                let chunk = f.fill_buf().unwrap();
                if chunk.is_empty() {
                    break;
                }
                let n = chunk.len().min(1000);
                got.extend_from_slice(&chunk[..n]);
                f.consume(n);
            }
            assert!(got == want, "bytes differ by chunks for a file of {len}");
            std::fs::remove_file(&path).unwrap();
        }
    }

    #[test]
    fn a_file_of_whole_blocks_is_read_directly_to_its_end() {
        let path = scratch("whole", &pattern(2 * BLOCK));
        let mut f = InFile::open(&path).unwrap();
        let was_direct = f.is_direct();
        assert_eq!(f.fill_buf().unwrap().len(), BLOCK);
        f.consume(BLOCK);
        assert_eq!(f.fill_buf().unwrap().len(), BLOCK);
        f.consume(BLOCK);
        assert_eq!(f.is_direct(), was_direct);
        assert!(f.fill_buf().unwrap().is_empty());
        // The empty read at the end is short: direct I/O is off after it.
        assert!(!f.is_direct());
        std::fs::remove_file(&path).unwrap();
    }

    #[test]
    fn aligned_buffers_are_aligned() {
        for len in [1, 4096, BLOCK] {
            let mut a = Aligned::new(len);
            assert_eq!(a.as_slice().len(), len);
            assert_eq!(a.as_mut_slice().as_ptr() as usize % ALIGN, 0);
        }
    }
}
