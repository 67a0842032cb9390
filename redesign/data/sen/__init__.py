"""The SEN needs and provision dataset (data/sen_needs.yaml): records and parsing."""
