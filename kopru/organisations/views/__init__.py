"""Pages of the stakeholder directory: ``panel`` (the office's directory, duplicates and
merging, import and export, which bodies have a project team), ``member`` (an
institution member's own organisation), ``teams`` (project-team pages both areas share)
and ``public`` (the published directory)."""
