//! The request/response loop the Web Worker runs; pure and natively testable.
