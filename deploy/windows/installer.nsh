; Included by electron-builder's NSIS installer (electron-builder.yml nsis.include).
; Adds the provisioning CLI as a command: kiosk-config.cmd in the install folder runs the app's own
; binary in its CLI mode (electron/shell/cli-mode.ts), and the install folder joins the machine
; PATH, so `kiosk-config --help` works in any new console without Node or npm.
; APP_EXECUTABLE_FILENAME is electron-builder's define for "<win.executableName>.exe".
;
; Not testable on the Linux CI: check on a Windows machine after installing (deploy/README.md).

!include "WinMessages.nsh"

!define KIOSK_ENV_KEY "SYSTEM\CurrentControlSet\Control\Session Manager\Environment"

!macro customInstall
  FileOpen $0 "$INSTDIR\kiosk-config.cmd" w
  FileWrite $0 '@echo off$\r$\n'
  FileWrite $0 'rem The kiosk terminal provisioning CLI (kiosk-config --help). Written by the installer.$\r$\n'
  FileWrite $0 '"%~dp0${APP_EXECUTABLE_FILENAME}" --kiosk-config %*$\r$\n'
  FileWrite $0 'exit /b %ERRORLEVEL%$\r$\n'
  FileClose $0

  ; Append the folder to the machine PATH unless it is there already (a reinstall or an upgrade).
  ReadRegStr $1 HKLM "${KIOSK_ENV_KEY}" "Path"
  StrCpy $2 ";$1;"
  Push $2
  Push ";$INSTDIR;"
  Call KioskStrContains
  Pop $3
  ${If} $3 == ""
    ${If} $1 == ""
      WriteRegExpandStr HKLM "${KIOSK_ENV_KEY}" "Path" "$INSTDIR"
    ${Else}
      WriteRegExpandStr HKLM "${KIOSK_ENV_KEY}" "Path" "$1;$INSTDIR"
    ${EndIf}
    SendMessage ${HWND_BROADCAST} ${WM_SETTINGCHANGE} 0 "STR:Environment" /TIMEOUT=5000
  ${EndIf}
!macroend

!macro customUnInstall
  Delete "$INSTDIR\kiosk-config.cmd"
  ; Remove ";<folder>" (or the folder alone) from the machine PATH.
  ReadRegStr $1 HKLM "${KIOSK_ENV_KEY}" "Path"
  Push $1
  Push "$INSTDIR"
  Call un.KioskPathWithout
  Pop $2
  ${If} $2 != $1
    WriteRegExpandStr HKLM "${KIOSK_ENV_KEY}" "Path" "$2"
    SendMessage ${HWND_BROADCAST} ${WM_SETTINGCHANGE} 0 "STR:Environment" /TIMEOUT=5000
  ${EndIf}
!macroend

; electron-builder compiles the installer and the uninstaller in separate passes with warnings as
; errors (-WX), and a function no code calls is a warning: each pass defines only its own.
!ifndef BUILD_UNINSTALLER
; Pushes the needle when the haystack contains it, else "" (case-insensitive). Stack in: haystack, needle.
Function KioskStrContains
  Exch $R1 ; needle
  Exch
  Exch $R0 ; haystack
  Push $R2
  Push $R3
  Push $R4
  StrLen $R3 $R1
  StrCpy $R4 0
  loop:
    StrCpy $R2 $R0 $R3 $R4
    StrCmp $R2 "" notfound
    StrCmp $R2 $R1 found
    IntOp $R4 $R4 + 1
    Goto loop
  found:
    StrCpy $R0 $R1
    Goto done
  notfound:
    StrCpy $R0 ""
  done:
  Pop $R4
  Pop $R3
  Pop $R2
  Pop $R1
  Exch $R0
FunctionEnd
!endif

!ifdef BUILD_UNINSTALLER
; PATH without one entry (compared without regard to case, as Windows does). Stack in: path, entry.
Function un.KioskPathWithout
  Exch $R1 ; entry
  Exch
  Exch $R0 ; path
  Push $R2 ; result
  Push $R3 ; current entry
  Push $R4 ; index
  Push $R5 ; character
  StrCpy $R2 ""
  StrCpy $R3 ""
  StrCpy $R4 0
  next:
    StrCpy $R5 $R0 1 $R4
    StrCmp $R5 ";" flush
    StrCmp $R5 "" flush
    StrCpy $R3 "$R3$R5"
    IntOp $R4 $R4 + 1
    Goto next
  flush:
    ; StrCmp is case-insensitive.
    StrCmp $R3 $R1 skip
    StrCmp $R3 "" skip
    StrCmp $R2 "" 0 +3
    StrCpy $R2 $R3
    Goto skip
    StrCpy $R2 "$R2;$R3"
  skip:
    StrCpy $R3 ""
    StrCmp $R5 "" done
    IntOp $R4 $R4 + 1
    Goto next
  done:
  StrCpy $R0 $R2
  Pop $R5
  Pop $R4
  Pop $R3
  Pop $R2
  Pop $R1
  Exch $R0
FunctionEnd
!endif
