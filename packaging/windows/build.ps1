# Build GigaTracker's Windows installer: PyInstaller bundle, self-test, Inno Setup.
# Needs Python 3.11+ (python.org, on PATH) and Inno Setup 6. Run from the repository root:
#   powershell -ExecutionPolicy Bypass -File packaging\windows\build.ps1
$ErrorActionPreference = "Stop"
$version = python -c "import tomllib; print(tomllib.load(open('pyproject.toml','rb'))['project']['version'])"
python -m venv build\venv
build\venv\Scripts\pip install . pyinstaller pillow
build\venv\Scripts\python tools\icons.py build\icons
build\venv\Scripts\pyinstaller --noconfirm packaging\pyinstaller\gigatracker.spec
# The bundle is windowed (no console): the self-test's verdict is its exit code, its picture the file.
$test = Start-Process -FilePath dist\gigatracker\gigatracker.exe -ArgumentList "--self-test","--screenshot","build\self-test.png" -Wait -PassThru
if ($test.ExitCode -ne 0) { throw "self-test failed (exit $($test.ExitCode)); run it from a console build to see why" }
$iscc = "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe"
& $iscc "/DVersion=$version" packaging\windows\gigatracker.iss
Write-Host "dist\GigaTracker-$version-setup.exe"
