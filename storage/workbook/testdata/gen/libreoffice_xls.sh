#!/bin/sh
# Writes ../*_libreoffice.xls: LibreOffice's Excel 97-2003 saves of the
# openpyxl corpora, for TestLegacyXLSCorporaReadLikeTheirXLSX.
#
#     cd storage/workbook/testdata/gen && sh libreoffice_xls.sh
set -e
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
for f in tasks_openpyxl proposals_openpyxl village_openpyxl sections_openpyxl twosheets_openpyxl; do
	soffice --headless "-env:UserInstallation=file://$tmp/profile" --convert-to xls --outdir "$tmp" "$f.xlsx" >/dev/null
	mv "$tmp/$f.xls" "${f%_openpyxl}_libreoffice.xls"
	echo "wrote ${f%_openpyxl}_libreoffice.xls"
done
rm -rf "$tmp"
