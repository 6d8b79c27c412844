; Inno Setup script for GigaTracker on Windows (per-user install, no admin rights needed).
; Built by packaging/windows/build.ps1, which passes /DVersion=... and runs from the repository root.
#ifndef Version
  #define Version "0.1.0"
#endif

[Setup]
AppId={{7C1F5D2E-5B8B-4E7A-9A43-6C0D9C1E2A11}
AppName=GigaTracker
AppVersion={#Version}
AppPublisher=GigaTracker contributors
DefaultDirName={autopf}\GigaTracker
DefaultGroupName=GigaTracker
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
OutputDir=..\..\dist
OutputBaseFilename=GigaTracker-{#Version}-setup
SetupIconFile=..\..\build\icons\gigatracker.ico
UninstallDisplayIcon={app}\gigatracker.exe
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
Name: "french"; MessagesFile: "compiler:Languages\French.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "..\..\dist\gigatracker\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\GigaTracker"; Filename: "{app}\gigatracker.exe"
Name: "{group}\{cm:UninstallProgram,GigaTracker}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\GigaTracker"; Filename: "{app}\gigatracker.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\gigatracker.exe"; Description: "{cm:LaunchProgram,GigaTracker}"; Flags: nowait postinstall skipifsilent
