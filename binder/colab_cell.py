# Set-up for Google Colab (or any Jupyter without newsframes); does nothing where newsframes
# is installed (make demo, Binder). See binder/README.md: upload newsframes-source.zip first.
import importlib.util
import pathlib
import subprocess
import sys
import zipfile

SOURCE = ""  # or the address of a public git repository of newsframes (then no upload)
if importlib.util.find_spec("toolkit") is None:
    src = pathlib.Path("newsframes-src")
    if SOURCE:
        subprocess.run(["git", "clone", "--depth", "1", SOURCE, str(src)], check=True)
    else:
        archives = sorted(pathlib.Path.cwd().glob("newsframes*.zip"))
        if not archives:
            raise RuntimeError("newsframes is not installed: upload newsframes-source.zip (binder/README.md), then run this cell again")
        zipfile.ZipFile(archives[-1]).extractall(src)
    root = min(src.rglob("pyproject.toml"), key=lambda p: len(p.parts)).parent.resolve()
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "-e", str(root)], check=True)
    sys.path.insert(0, str(root))  # the new install is importable now, without a restart
