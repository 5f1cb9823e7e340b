"""Run by Python as each server the launcher starts begins (site.py imports `sitecustomize`
from the path; ops/launcher.py puts this folder on the server's PYTHONPATH): the libraries'
warnings hidden, the project's shown (ops/quiet.py)."""

from ops.quiet import only_project_warnings

only_project_warnings()
