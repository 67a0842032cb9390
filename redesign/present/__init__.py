"""What the pages show, as records, frames and sentences."""
