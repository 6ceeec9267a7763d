//! Properties of scoring over random answer sets.
