//! The `assay` binary as a user runs it: real processes, real files, exit
//! codes, messages and the bytes left on disk checked.

mod assess;
mod basics;
mod corpus;
mod deliverable;
mod identity;
mod interop;
mod offline;
mod project;
mod report;
mod support;
