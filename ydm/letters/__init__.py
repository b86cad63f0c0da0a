"""Letters: rendering the templates (render), the Letter type, output formats/ and fonts/."""
