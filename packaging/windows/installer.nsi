; 惠企政策申报助手 — per-user Windows installer for the PyInstaller onedir bundle dist/PolicyAssistant/.
;
; No administrator rights: installs into %LOCALAPPDATA%\Programs\惠企政策申报助手, registers its uninstaller
; under HKCU, and never writes to Program Files or HKLM. The uninstaller removes the program and keeps the
; user's data (%LOCALAPPDATA%\PolicyAssistant, see desktop_app/paths.py) unless the box on its page is ticked.
;
; Built by `python scripts/build-bundle --installer`, which reads the version from pyproject.toml:
;   makensis -INPUTCHARSET UTF8 -DVERSION=0.1.0 -DVERSION4=0.1.0.0 -DPAYLOAD=<bundle> -DOUTFILE=<setup.exe> installer.nsi
; Silent use: setup.exe /S [/D=C:\其他\文件夹]  ·  uninstall.exe /S (keeps the user's data).

Unicode true
ManifestDPIAware true
RequestExecutionLevel user
SetCompressor /SOLID lzma

!ifndef VERSION
  !error "缺少版本号：请用 makensis -DVERSION=x.y.z 调用（scripts/build-bundle --installer 从 pyproject.toml 读出）"
!endif
!ifndef VERSION4
  !define VERSION4 "${VERSION}.0"
!endif
!ifndef PAYLOAD
  !define PAYLOAD "..\..\dist\PolicyAssistant"
!endif
!ifndef OUTFILE
  !define OUTFILE "..\..\dist\PolicyAssistant-${VERSION}-setup.exe"
!endif
!ifndef EXE_NAME
  !define EXE_NAME "PolicyAssistant.exe"
!endif
!ifndef ICON
  !define ICON "..\..\resources\icons\app.ico"
!endif
!if /FileExists "${PAYLOAD}\${EXE_NAME}"
!else
  !error "程序包中没有 ${PAYLOAD}\${EXE_NAME}：请先运行 python scripts/build-bundle"
!endif

!define PRODUCT_NAME "惠企政策申报助手"
!define PUBLISHER "惠企政策申报助手开发组"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\PolicyAssistant"
; the same folder as desktop_app.paths.user_data_dir() on Windows
!define DATA_DIR "$LOCALAPPDATA\PolicyAssistant"
; the shortcut icon ships inside the bundle (resources/icons/app.ico)
!define SHORTCUT_ICON "$INSTDIR\_internal\resources\icons\app.ico"

!include "MUI2.nsh"
!include "FileFunc.nsh"

Name "${PRODUCT_NAME}"
Caption "${PRODUCT_NAME} ${VERSION} 安装程序"
UninstallCaption "卸载 ${PRODUCT_NAME}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\${PRODUCT_NAME}"
InstallDirRegKey HKCU "${UNINST_KEY}" "InstallLocation"
BrandingText "${PRODUCT_NAME} ${VERSION}"
ShowInstDetails show
ShowUninstDetails show

VIProductVersion "${VERSION4}"
VIFileVersion "${VERSION4}"
VIAddVersionKey /LANG=2052 "ProductName" "${PRODUCT_NAME}"
VIAddVersionKey /LANG=2052 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=2052 "FileDescription" "${PRODUCT_NAME} 安装程序"
VIAddVersionKey /LANG=2052 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "LegalCopyright" "© ${PUBLISHER}，MIT 许可证"

; --- pages -------------------------------------------------------------------------------------------------
!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_WELCOMEPAGE_TEXT "将把 ${PRODUCT_NAME} ${VERSION} 安装到您自己的用户文件夹中，不需要管理员权限。$\r$\n$\r$\n程序完全离线运行，不上传任何数据。$\r$\n$\r$\n单击“下一步”继续。"
!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!define MUI_COMPONENTSPAGE_TEXT_TOP "选择要创建的快捷方式。"
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_INSTFILES
!define MUI_FINISHPAGE_RUN "$INSTDIR\${EXE_NAME}"
!define MUI_FINISHPAGE_RUN_TEXT "现在运行 ${PRODUCT_NAME}"
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
!define MUI_COMPONENTSPAGE_TEXT_TOP "默认只删除程序和快捷方式，保留您的数据（设置、草稿、联系电话、日志，位于 ${DATA_DIR}）。如需一并删除，请勾选“删除我的数据”。您自己保存的企业档案和生成的文书不在此列，不会被删除。"
!insertmacro MUI_UNPAGE_COMPONENTS
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "SimpChinese"

; --- install -----------------------------------------------------------------------------------------------
Section "程序文件（必需）" SecProgram
  SectionIn RO
  SetOutPath "$INSTDIR"
  ; an upgrade replaces the whole bundle, so no module of the old version lingers
  RMDir /r "$INSTDIR\_internal"
  File /r "${PAYLOAD}\*"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  WriteRegStr HKCU "${UNINST_KEY}" "DisplayName" "${PRODUCT_NAME}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINST_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayIcon" "${SHORTCUT_ICON}"
  WriteRegStr HKCU "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKCU "${UNINST_KEY}" "EstimatedSize" "$0"
SectionEnd

Section "开始菜单快捷方式" SecStartMenu
  SectionIn RO
  CreateShortcut "$SMPROGRAMS\${PRODUCT_NAME}.lnk" "$INSTDIR\${EXE_NAME}" "" "${SHORTCUT_ICON}" 0
SectionEnd

Section "桌面快捷方式" SecDesktop
  CreateShortcut "$DESKTOP\${PRODUCT_NAME}.lnk" "$INSTDIR\${EXE_NAME}" "" "${SHORTCUT_ICON}" 0
SectionEnd

LangString DESC_SecProgram ${LANG_SIMPCHINESE} "${PRODUCT_NAME} 的程序、问卷、文书模板和政策包。"
LangString DESC_SecStartMenu ${LANG_SIMPCHINESE} "在“开始”菜单中添加 ${PRODUCT_NAME}。"
LangString DESC_SecDesktop ${LANG_SIMPCHINESE} "在桌面上添加 ${PRODUCT_NAME} 的快捷方式。"
!insertmacro MUI_FUNCTION_DESCRIPTION_BEGIN
  !insertmacro MUI_DESCRIPTION_TEXT ${SecProgram} $(DESC_SecProgram)
  !insertmacro MUI_DESCRIPTION_TEXT ${SecStartMenu} $(DESC_SecStartMenu)
  !insertmacro MUI_DESCRIPTION_TEXT ${SecDesktop} $(DESC_SecDesktop)
!insertmacro MUI_FUNCTION_DESCRIPTION_END

; --- uninstall ---------------------------------------------------------------------------------------------
Section "un.程序文件和快捷方式（必需）" SecUnProgram
  SectionIn RO
  Delete "$SMPROGRAMS\${PRODUCT_NAME}.lnk"
  Delete "$DESKTOP\${PRODUCT_NAME}.lnk"
  ; only what the installer put there: a folder the user chose may hold other things
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\${EXE_NAME}"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKCU "${UNINST_KEY}"
SectionEnd

Section /o "un.删除我的数据（设置、草稿、联系电话、日志）" SecUnData
  RMDir /r "${DATA_DIR}"
SectionEnd

LangString DESC_SecUnProgram ${LANG_SIMPCHINESE} "删除 $INSTDIR 中的程序和快捷方式。"
LangString DESC_SecUnData ${LANG_SIMPCHINESE} "同时删除 ${DATA_DIR}。不勾选时保留，重新安装后可继续使用。"
!insertmacro MUI_UNFUNCTION_DESCRIPTION_BEGIN
  !insertmacro MUI_DESCRIPTION_TEXT ${SecUnProgram} $(DESC_SecUnProgram)
  !insertmacro MUI_DESCRIPTION_TEXT ${SecUnData} $(DESC_SecUnData)
!insertmacro MUI_UNFUNCTION_DESCRIPTION_END
