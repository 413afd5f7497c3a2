//! Body vocabulary (stage 5).
