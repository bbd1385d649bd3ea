//! The binary's allocator: the system's for every command, and mimalloc once `tab server
//! serve` starts serving.
//!
//! mimalloc makes the server's hot path cheaper (a few dozen small allocations a request,
//! BENCHMARKS.md, issue 11), but setting up its arenas costs every short-lived client
//! command more than its whole request (issue 17: +6 MiB of memory and about a
//! millisecond for `tab sessions list`). So allocations go to the system allocator until
//! [`serve_with_mimalloc`] is called, and to mimalloc from then on. A free goes to the
//! allocator that owns the memory: once mimalloc is in use, `mi_is_in_heap_region` tells
//! its memory from the system's (allocated before the switch); before it, mimalloc owns
//! nothing. The switch happens once, before the server's threads start, and is never
//! undone.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicBool, Ordering};

use mimalloc::MiMalloc;

/// Whether new allocations go to mimalloc.
static MIMALLOC_IN_USE: AtomicBool = AtomicBool::new(false);

/// From now on, new allocations go to mimalloc (for `tab server serve`).
pub fn serve_with_mimalloc() {
    MIMALLOC_IN_USE.store(true, Ordering::Release);
}

/// Whether mimalloc owns `ptr`. Before the switch it owns nothing (no allocation reached
/// it, and no check is paid for).
fn owned_by_mimalloc(ptr: *mut u8) -> bool {
    // SAFETY: `mi_is_in_heap_region` only looks the address up in mimalloc's own map; it
    // does not read the memory.
    MIMALLOC_IN_USE.load(Ordering::Acquire)
        && unsafe { libmimalloc_sys::mi_is_in_heap_region(ptr.cast_const().cast()) }
}

/// The system allocator until [`serve_with_mimalloc`], then mimalloc.
pub struct TabAllocator;

// SAFETY: every allocation is made by one of two correct allocators and returned to the
// one that made it (see the module's summary); the switch only ever goes one way.
unsafe impl GlobalAlloc for TabAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if MIMALLOC_IN_USE.load(Ordering::Acquire) {
            // SAFETY: the caller's contract, passed on.
            unsafe { MiMalloc.alloc(layout) }
        } else {
            // SAFETY: the same.
            unsafe { System.alloc(layout) }
        }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if MIMALLOC_IN_USE.load(Ordering::Acquire) {
            // SAFETY: the caller's contract, passed on.
            unsafe { MiMalloc.alloc_zeroed(layout) }
        } else {
            // SAFETY: the same.
            unsafe { System.alloc_zeroed(layout) }
        }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if owned_by_mimalloc(ptr) {
            // SAFETY: mimalloc made it.
            unsafe { MiMalloc.dealloc(ptr, layout) }
        } else {
            // SAFETY: the system allocator made it.
            unsafe { System.dealloc(ptr, layout) }
        }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // Memory stays with the allocator that made it.
        if owned_by_mimalloc(ptr) {
            // SAFETY: mimalloc made it.
            unsafe { MiMalloc.realloc(ptr, layout, new_size) }
        } else {
            // SAFETY: the system allocator made it.
            unsafe { System.realloc(ptr, layout, new_size) }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memory_goes_back_to_the_allocator_that_made_it() {
        let layout = Layout::from_size_align(64, 8).expect("a layout");
        let allocator = TabAllocator;
        // SAFETY: each pointer is used within its layout and freed once.
        unsafe {
            let before = allocator.alloc(layout);
            assert!(!before.is_null());
            assert!(!libmimalloc_sys::mi_is_in_heap_region(
                before.cast_const().cast()
            ));
            serve_with_mimalloc();
            let after = allocator.alloc(layout);
            assert!(libmimalloc_sys::mi_is_in_heap_region(
                after.cast_const().cast()
            ));
            let grown = allocator.realloc(before, layout, 4096);
            assert!(!libmimalloc_sys::mi_is_in_heap_region(
                grown.cast_const().cast()
            ));
            allocator.dealloc(grown, Layout::from_size_align(4096, 8).expect("a layout"));
            allocator.dealloc(after, layout);
        }
    }
}
