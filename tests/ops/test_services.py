"""The throwaway PostgreSQL and Redis of `make cluster`: what they leave behind."""
def test_work_directories_left_by_a_killed_launcher_are_removed_at_the_next_start(tmp_path):
    import os
    import subprocess
    import sys

    from ops.services import OWNER_FILE, sweep_stale

    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead_pid = int(gone.stdout)
    left, running, foreign, other = (tmp_path / n for n in ("twitch-pg-left", "twitch-pg-running", "twitch-pg-x", "else"))
    for path in (left, running, foreign, other):
        path.mkdir()
    (left / OWNER_FILE).write_text(str(dead_pid))
    (left / "data").mkdir()  # the conversations of a PostgreSQL that was never stopped
    (running / OWNER_FILE).write_text(str(os.getpid()))
    (other / OWNER_FILE).write_text(str(dead_pid))
    assert sweep_stale(tmp_path) == [left]
    assert not left.exists() and running.exists() and foreign.exists() and other.exists()
