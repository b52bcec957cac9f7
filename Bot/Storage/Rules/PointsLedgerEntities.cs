using System.Globalization;
using Azure.Data.Tables;
using VolunteerBot.Dialogs.Domain.Hours;

namespace VolunteerBot.Storage.Rules;

/// <summary>Maps points-ledger entries (one row per exchange, partitioned by year) to table entities and back.</summary>
internal static class PointsLedgerEntities
{
    public static TableEntity ToEntity(int year, LedgerEntry entry)
    {
        var x = entry.Exchange;
        return new TableEntity(year.ToString("D4", CultureInfo.InvariantCulture), TableKeys.Escape(x.Id))
        {
            ["ExchangeId"] = x.Id,
            ["Volunteer"] = x.VolunteerAadObjectId,
            ["VolunteerName"] = entry.VolunteerName,
            ["Points"] = x.Points,
            ["Item"] = x.Item,
            ["By"] = x.ByAadObjectId,
            ["ByName"] = x.ByName,
            ["At"] = x.At,
        };
    }

    public static LedgerEntry ToEntry(TableEntity e) => new(new PointsExchange(
        e.GetString("ExchangeId") ?? e.RowKey, e.GetString("Volunteer") ?? "", e.GetInt32("Points") ?? 0, e.GetString("Item") ?? "",
        e.GetString("By") ?? "", e.GetString("ByName") ?? "", e.GetDateTimeOffset("At") ?? default), e.GetString("VolunteerName") ?? "");
}
