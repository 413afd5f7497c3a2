//! Metadata vocabulary (stages 4 and 7).
