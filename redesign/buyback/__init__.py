"""The buy-back what-if: the model, scenario files and links, words and charts."""
