pub mod amazon;
