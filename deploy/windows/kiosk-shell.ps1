# Windows 10/11 IoT Enterprise or Enterprise/Education: the kiosk app replaces Explorer as the
# shell of the kiosk user (Shell Launcher), and Keyboard Filter blocks the Windows key, Alt+Tab
# and friends. Run once, as administrator, after:
#   Enable-WindowsOptionalFeature -Online -FeatureName Client-EmbeddedShellLauncher -All
#   Enable-WindowsOptionalFeature -Online -FeatureName Client-KeyboardFilter -All
# See deploy/README.md for why the app's own kiosk window cannot do this.

param(
  [string]$KioskUser = 'kiosk',
  # Where the installer puts the app (electron-builder.yml: productName, win.executableName); pass
  # -Shell when the engineer chose another folder during installation.
  [string]$Shell = 'C:\Program Files\Kiosk Terminal\Kiosk Terminal.exe'
)
$ErrorActionPreference = 'Stop'
if (-not (Test-Path -LiteralPath $Shell -PathType Leaf)) {
  throw "The kiosk app is not at $Shell. Install it first, or pass -Shell with its path."
}
$ns = 'root\standardcimv2\embedded'

# ---- Shell Launcher ----
$restartShell = 0; $restartDevice = 1; $shutdownDevice = 2; $doNothing = 3
$launcher = [wmiclass]"\\localhost\${ns}:WESL_UserSetting"
$launcher.SetEnabled($true)
$sid = (New-Object System.Security.Principal.NTAccount($KioskUser)).Translate(
  [System.Security.Principal.SecurityIdentifier]).Value
# Exit 78 (staff chose "leave kiosk mode"): do nothing, so the technician can sign out from the
# Ctrl+Alt+Del screen. Exit 75 (restart) and any other exit or crash: restart the shell.
$launcher.SetCustomShell($sid, $Shell, @(78), @($doNothing), $restartShell)
# Everyone else (administrators, the technician) keeps Explorer.
$launcher.SetDefaultShell('explorer.exe', $restartShell)

# ---- Keyboard Filter ----
function Block([string]$combo) {
  $key = Get-CimInstance -Namespace $ns -ClassName WEKF_PredefinedKey | Where-Object Id -eq $combo
  if ($key) { $key.Enabled = $true; Set-CimInstance -InputObject $key }
  else { Write-Warning "Keyboard Filter has no predefined key $combo" }
}
foreach ($combo in @(
  'Windows', 'Alt+Tab', 'Alt+Esc', 'Alt+F4', 'Ctrl+Esc', 'Ctrl+Shift+Esc', 'Ctrl+Tab',
  'Win+L', 'Win+D', 'Win+E', 'Win+R', 'Win+Tab', 'Win+X', 'Win+I', 'Win+A', 'Win+S',
  'Shift+Ctrl+Esc', 'LaunchMail', 'LaunchMediaSelect', 'LaunchApp1', 'LaunchApp2', 'BrowserHome'
)) { Block $combo }
# Ctrl+Alt+Del stays available: it is the secure attention sequence, handled by Winlogon before
# any filter, and it is the technician's way out. Remove Task Manager, Switch User, Lock and
# Change Password from that screen by Group Policy (User Configuration > Administrative Templates
# > System > Ctrl+Alt+Del Options), leaving only "Sign out".
$settings = Get-CimInstance -Namespace $ns -ClassName WEKF_Settings | Where-Object Name -eq 'DisableKeyboardFilterForAdministrators'
if ($settings) { $settings.Value = 'true'; Set-CimInstance -InputObject $settings }

Write-Output "Shell Launcher and Keyboard Filter are set for $KioskUser; sign the kiosk user in (auto-logon) to start."
