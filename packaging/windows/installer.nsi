; 台账通 Taizhang — Windows installer (NSIS >= 3.08, built on Linux by
; scripts/dist-windows.sh):
;
;   makensis -DVERSION=0.1.0 -DVERSION4=0.1.0.1 -DSRCDIR=build/windows \
;            -DOUTFILE=dist/taizhang-0.1.0-setup.exe -DSIGN=scripts/sign.sh installer.nsi
;
; Default: installs for the current user only, without administrator rights,
; into %LOCALAPPDATA%\Programs\Taizhang (staff PCs rarely grant admin).
; "All users" (the mode page, or /ALLUSERS) installs into Program Files and
; re-launches itself elevated when needed.
;
; Command line: /S silent · /ALLUSERS all users · /D=DIR target folder.
; Uninstaller:  /S silent · /PURGE also delete the user's data.
; The uninstaller keeps %APPDATA%\Taizhang (database and backups) unless the
; user ticks the box on its data page or passes /PURGE.

Unicode true
Target amd64-unicode
RequestExecutionLevel user
ManifestDPIAware true
SetCompressor /SOLID lzma
SetCompressorDictSize 64

!ifndef VERSION | VERSION4 | SRCDIR | OUTFILE | ICON
  !error "define VERSION, VERSION4, SRCDIR, OUTFILE and ICON (see the header)"
!endif

!define UNINSTKEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\Taizhang"
!define APPID "cn.gov.taizhang"

; Signs the uninstaller and the installer when scripts/sign.sh finds a
; certificate in the environment; without one it only says so.
!ifdef SIGN
  !uninstfinalize '"${SIGN}" "%1"' = 0
  !finalize '"${SIGN}" "%1"' = 0
!endif

!include MUI2.nsh
!include LogicLib.nsh
!include nsDialogs.nsh
!include FileFunc.nsh

Name "$(AppName)"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\Taizhang"
BrandingText "$(AppName) ${VERSION}"
ShowInstDetails hide
ShowUninstDetails hide

VIProductVersion "${VERSION4}"
VIFileVersion "${VERSION4}"

Var AllUsers      ; 1: Program Files + HKLM + all users' Start menu
Var ModeFromCmd   ; 1: /ALLUSERS given, the mode page is skipped
Var RadioMine
Var RadioAll
Var Purge         ; uninstaller: 1 deletes the user's data
Var PurgeBox
Var UserData      ; uninstaller: %APPDATA% of the user running it

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\taizhang.exe"
!define MUI_FINISHPAGE_RUN_TEXT "$(RunApp)"

!insertmacro MUI_PAGE_WELCOME
Page custom ModePage ModePageLeave
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
UninstPage custom un.DataPage un.DataPageLeave
!insertmacro MUI_UNPAGE_INSTFILES

; The first language is the fallback; Windows' UI language picks the page language.
!insertmacro MUI_LANGUAGE "SimpChinese"
!insertmacro MUI_LANGUAGE "English"

LangString AppName ${LANG_SIMPCHINESE} "台账通"
LangString AppName ${LANG_ENGLISH} "Taizhang"
LangString RunApp ${LANG_SIMPCHINESE} "运行台账通"
LangString RunApp ${LANG_ENGLISH} "Run Taizhang"
LangString ModeTitle ${LANG_SIMPCHINESE} "安装方式"
LangString ModeTitle ${LANG_ENGLISH} "Installation type"
LangString ModeSub ${LANG_SIMPCHINESE} "选择为谁安装台账通。"
LangString ModeSub ${LANG_ENGLISH} "Choose who can use Taizhang on this computer."
LangString ModeMine ${LANG_SIMPCHINESE} "仅为我安装（推荐，不需要管理员权限）"
LangString ModeMine ${LANG_ENGLISH} "Only for me (recommended, no administrator rights needed)"
LangString ModeAll ${LANG_SIMPCHINESE} "为这台电脑的所有用户安装（需要管理员权限）"
LangString ModeAll ${LANG_ENGLISH} "For all users of this computer (needs administrator rights)"
LangString ModeNote ${LANG_SIMPCHINESE} "无论哪种方式，每位用户的台账数据都保存在各自的 %APPDATA%\Taizhang 文件夹中。"
LangString ModeNote ${LANG_ENGLISH} "Either way, each user's ledger data stays in their own %APPDATA%\Taizhang folder."
LangString NeedAdmin ${LANG_SIMPCHINESE} "为所有用户安装需要管理员权限。请改选“仅为我安装”，或联系管理员。"
LangString NeedAdmin ${LANG_ENGLISH} "Installing for all users needs administrator rights. Choose “Only for me”, or ask your administrator."
LangString DataTitle ${LANG_SIMPCHINESE} "台账数据"
LangString DataTitle ${LANG_ENGLISH} "Ledger data"
LangString DataSub ${LANG_SIMPCHINESE} "卸载程序默认保留您的数据。"
LangString DataSub ${LANG_ENGLISH} "The uninstaller keeps your data unless you ask."
LangString DataText ${LANG_SIMPCHINESE} "您的数据库和自动备份保存在：$\r$\n$UserData\Taizhang$\r$\n$\r$\n保留它们，重新安装后即可继续使用。"
LangString DataText ${LANG_ENGLISH} "Your database and automatic backups are in:$\r$\n$UserData\Taizhang$\r$\n$\r$\nKeep them to carry on after a reinstall."
LangString DataPurge ${LANG_SIMPCHINESE} "同时永久删除我的台账数据和备份"
LangString DataPurge ${LANG_ENGLISH} "Also delete my ledger data and backups for good"
LangString DataConfirm ${LANG_SIMPCHINESE} "确定永久删除 $UserData\Taizhang 中的全部台账数据和备份吗？此操作无法撤销。"
LangString DataConfirm ${LANG_ENGLISH} "Delete all ledger data and backups in $UserData\Taizhang for good? This cannot be undone."

LangString CloseApp ${LANG_SIMPCHINESE} "台账通正在运行，请先关闭它再继续。"
LangString CloseApp ${LANG_ENGLISH} "Taizhang is running. Close it, then try again."

VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "ProductName" "台账通"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "FileDescription" "台账通安装程序"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "CompanyName" "台账通项目组"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "LegalCopyright" "© 2026 台账通项目组"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "FileVersion" "${VERSION4}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "ProductName" "Taizhang"
VIAddVersionKey /LANG=${LANG_ENGLISH} "FileDescription" "Taizhang setup"
VIAddVersionKey /LANG=${LANG_ENGLISH} "CompanyName" "Taizhang project"
VIAddVersionKey /LANG=${LANG_ENGLISH} "LegalCopyright" "© 2026 Taizhang project"
VIAddVersionKey /LANG=${LANG_ENGLISH} "FileVersion" "${VERSION4}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "ProductVersion" "${VERSION}"

; ---------------------------------------------------------------- install

Function UseAllUsers
  StrCpy $AllUsers 1
  ; /D= wins; otherwise follow the mode. Compare before switching the
  ; context: under "all", $LOCALAPPDATA is ProgramData.
  SetShellVarContext current
  ${If} $INSTDIR == "$LOCALAPPDATA\Programs\Taizhang"
    StrCpy $INSTDIR "$PROGRAMFILES64\Taizhang"
  ${EndIf}
  SetShellVarContext all
FunctionEnd

Function UseCurrentUser
  StrCpy $AllUsers 0
  SetShellVarContext current
  ${If} $INSTDIR == "$PROGRAMFILES64\Taizhang"
    StrCpy $INSTDIR "$LOCALAPPDATA\Programs\Taizhang"
  ${EndIf}
FunctionEnd

; Pushes "Admin" when this process may write Program Files and HKLM.
!macro IsAdmin out
  UserInfo::GetAccountType
  Pop ${out}
!macroend

Function .onInit
  StrCpy $ModeFromCmd 0
  ${GetParameters} $R0
  ClearErrors
  ${GetOptions} $R0 "/ALLUSERS" $R1
  ${IfNot} ${Errors}
    StrCpy $ModeFromCmd 1
    !insertmacro IsAdmin $R2
    ${If} $R2 != "Admin"
      ${If} ${Silent}
        SetErrorLevel 740 ; ERROR_ELEVATION_REQUIRED
        Quit
      ${EndIf}
      ExecShell "runas" "$EXEPATH" "$R0"
      Quit
    ${EndIf}
    Call UseAllUsers
  ${Else}
    Call UseCurrentUser
    ; An upgrade goes where the previous per-user install went.
    ReadRegStr $R3 HKCU "${UNINSTKEY}" "InstallLocation"
    ${If} $R3 != ""
      StrCpy $INSTDIR $R3
    ${EndIf}
  ${EndIf}
FunctionEnd

Function ModePage
  ${If} $ModeFromCmd == 1
    Abort ; chosen on the command line (or by the elevated re-launch)
  ${EndIf}
  !insertmacro MUI_HEADER_TEXT "$(ModeTitle)" "$(ModeSub)"
  nsDialogs::Create 1018
  Pop $R0
  ${NSD_CreateRadioButton} 0 10u 100% 14u "$(ModeMine)"
  Pop $RadioMine
  ${NSD_CreateRadioButton} 0 30u 100% 14u "$(ModeAll)"
  Pop $RadioAll
  ${NSD_CreateLabel} 0 60u 100% 30u "$(ModeNote)"
  Pop $R0
  ${If} $AllUsers == 1
    ${NSD_Check} $RadioAll
  ${Else}
    ${NSD_Check} $RadioMine
  ${EndIf}
  nsDialogs::Show
FunctionEnd

Function ModePageLeave
  ${NSD_GetState} $RadioAll $R0
  ${If} $R0 != ${BST_CHECKED}
    Call UseCurrentUser
    Return
  ${EndIf}
  !insertmacro IsAdmin $R1
  ${If} $R1 == "Admin"
    Call UseAllUsers
    Return
  ${EndIf}
  ; Ask Windows for elevation (UAC) and hand over to the elevated copy.
  ClearErrors
  ExecShell "runas" "$EXEPATH" "/ALLUSERS"
  ${If} ${Errors}
    MessageBox MB_ICONEXCLAMATION "$(NeedAdmin)"
    Abort
  ${EndIf}
  Quit
FunctionEnd

Section "Taizhang" SecMain
  SectionIn RO
  SetOutPath "$INSTDIR"
  File "${SRCDIR}\taizhang.exe"
  File "${SRCDIR}\taizhang-cli.exe"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  ; Directly in Programs, without a folder, as Windows 10+ recommends.
  CreateShortcut "$SMPROGRAMS\$(AppName).lnk" "$INSTDIR\taizhang.exe" "" "$INSTDIR\taizhang.exe" 0
  CreateShortcut "$DESKTOP\$(AppName).lnk" "$INSTDIR\taizhang.exe" "" "$INSTDIR\taizhang.exe" 0

  ; Add/Remove Programs: SHCTX is HKLM for all users, HKCU otherwise.
  WriteRegStr SHCTX "${UNINSTKEY}" "DisplayName" "台账通 Taizhang"
  WriteRegStr SHCTX "${UNINSTKEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr SHCTX "${UNINSTKEY}" "Publisher" "台账通项目组 Taizhang project"
  WriteRegStr SHCTX "${UNINSTKEY}" "DisplayIcon" "$INSTDIR\taizhang.exe,0"
  WriteRegStr SHCTX "${UNINSTKEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr SHCTX "${UNINSTKEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr SHCTX "${UNINSTKEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD SHCTX "${UNINSTKEY}" "NoModify" 1
  WriteRegDWORD SHCTX "${UNINSTKEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $R0 $R1 $R2
  WriteRegDWORD SHCTX "${UNINSTKEY}" "EstimatedSize" $R0
SectionEnd

; -------------------------------------------------------------- uninstall

Function un.onInit
  StrCpy $Purge 0
  ${GetParameters} $R0
  ClearErrors
  ${GetOptions} $R0 "/PURGE" $R1
  ${IfNot} ${Errors}
    StrCpy $Purge 1
  ${EndIf}
  ; The user's own %APPDATA%, whatever the shell context below.
  ReadEnvStr $UserData "APPDATA"

  ; An all-users install is the one HKLM points at.
  ReadRegStr $R2 HKLM "${UNINSTKEY}" "InstallLocation"
  ${If} $R2 == $INSTDIR
    StrCpy $AllUsers 1
    SetShellVarContext all
    !insertmacro IsAdmin $R3
    ${If} $R3 != "Admin"
      ${If} ${Silent}
        SetErrorLevel 740 ; ERROR_ELEVATION_REQUIRED
        Quit
      ${EndIf}
      ExecShell "runas" "$INSTDIR\uninstall.exe" "$R0"
      Quit
    ${EndIf}
  ${Else}
    StrCpy $AllUsers 0
    SetShellVarContext current
  ${EndIf}
FunctionEnd

Function un.DataPage
  !insertmacro MUI_HEADER_TEXT "$(DataTitle)" "$(DataSub)"
  nsDialogs::Create 1018
  Pop $R0
  ${NSD_CreateLabel} 0 0 100% 50u "$(DataText)"
  Pop $R0
  ${NSD_CreateCheckbox} 0 60u 100% 14u "$(DataPurge)"
  Pop $PurgeBox
  ${If} $Purge == 1
    ${NSD_Check} $PurgeBox
  ${EndIf}
  nsDialogs::Show
FunctionEnd

Function un.DataPageLeave
  ${NSD_GetState} $PurgeBox $R0
  ${If} $R0 == ${BST_CHECKED}
    MessageBox MB_YESNO|MB_ICONEXCLAMATION|MB_DEFBUTTON2 "$(DataConfirm)" IDYES +2
    Abort
    StrCpy $Purge 1
  ${Else}
    StrCpy $Purge 0
  ${EndIf}
FunctionEnd

Section "Uninstall"
  ; A running taizhang.exe cannot be deleted: ask to close it (silent: give up).
  retry:
  ClearErrors
  Delete "$INSTDIR\taizhang.exe"
  ${If} ${Errors}
    MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "$(CloseApp)" /SD IDCANCEL IDRETRY retry
    Abort "$(CloseApp)"
  ${EndIf}
  Delete "$INSTDIR\taizhang-cli.exe"
  Delete "$INSTDIR\uninstall.exe"
  ; Not /r: anything the user put in the folder (a TaizhangData folder) stays.
  RMDir "$INSTDIR"

  ; Both names: the install may have run in the other language.
  Delete "$SMPROGRAMS\台账通.lnk"
  Delete "$SMPROGRAMS\Taizhang.lnk"
  Delete "$DESKTOP\台账通.lnk"
  Delete "$DESKTOP\Taizhang.lnk"

  DeleteRegKey SHCTX "${UNINSTKEY}"

  ${If} $Purge == 1
    RMDir /r "$UserData\Taizhang"
    ; Fyne's preferences for this app id.
    RMDir /r "$UserData\fyne\${APPID}"
  ${EndIf}
SectionEnd
