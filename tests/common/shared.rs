//! A writer whose bytes the test can still read after handing it to the crossterm backend,
//! which takes ownership of its writer.

use std::cell::RefCell;
use std::io::Write;
use std::rc::Rc;

/// Bytes written through the crossterm backend, kept for inspection.
#[derive(Clone, Default)]
pub struct Shared(pub Rc<RefCell<Vec<u8>>>);

impl Write for Shared {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
