using System.Data;
using MiniExcelLibs;
using VolunteerBot.Dialogs.Domain.Hours;
using VolunteerBot.Dialogs.Localization;

namespace VolunteerBot.Documents;

/// <summary>Renders a <see cref="Spreadsheet"/> as .xlsx (MiniExcel): one worksheet per sheet, headers in row 1.</summary>
public static class SpreadsheetRenderer
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>
    /// A date or time left in a cell as a value is written in the zh-CN catalogue's pattern: the committee's workbooks are
    /// Chinese; a workbook in the reader's language (the personal-data export) writes its dates as text itself.
    /// </summary>
    private static readonly Localizer Zh = Localizer.For(Language.ZhCn);

    public static byte[] Render(Spreadsheet spreadsheet)
    {
        var sheets = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var sheet in spreadsheet.Sheets)
        {
            sheets[sheet.Name] = ToTable(sheet);
        }

        using var stream = new MemoryStream();
        stream.SaveAs(sheets, printHeader: true, excelType: ExcelType.XLSX);
        return stream.ToArray();
    }

    // A DataTable keeps the headers even when there are no rows, and numbers stay numbers.
    private static DataTable ToTable(Sheet sheet)
    {
        var table = new DataTable(sheet.Name);
        for (var i = 0; i < sheet.Headers.Count; i++)
        {
            var numeric = sheet.Rows.Count > 0 && sheet.Rows.All(r => i < r.Count && r[i] is null or int or long or decimal or double);
            table.Columns.Add(sheet.Headers[i], numeric ? typeof(double) : typeof(string));
        }

        foreach (var row in sheet.Rows)
        {
            var values = new object[sheet.Headers.Count];
            for (var i = 0; i < values.Length; i++)
            {
                var v = i < row.Count ? row[i] : null;
                values[i] = v switch
                {
                    null => DBNull.Value,
                    int or long or decimal or double => Convert.ToDouble(v, System.Globalization.CultureInfo.InvariantCulture),
                    DateOnly d => Zh.Date(d),
                    DateTimeOffset t => Zh.DateTime(t),
                    _ => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) ?? "",
                };
            }

            table.Rows.Add(values);
        }

        return table;
    }
}
