using Azure.Data.Tables;
using VolunteerBot.Dialogs.Domain.Audit;

namespace VolunteerBot.Storage.Rules;

/// <summary>Maps audit events to table entities and back.</summary>
internal static class AuditTrailEntities
{
    public static TableEntity ToEntity(string pk, string rk, AuditEvent entry) => new(pk, rk)
    {
        ["At"] = entry.At, ["Actor"] = entry.ActorAadObjectId, ["ActorName"] = entry.ActorName, ["Action"] = entry.Action,
        ["Target"] = entry.Target, ["Detail"] = entry.Detail,
    };

    public static AuditEvent ToEvent(TableEntity e) => new(e.GetDateTimeOffset("At") ?? default, e.GetString("Actor") ?? "", e.GetString("ActorName") ?? "",
        e.GetString("Action") ?? "", e.GetString("Target") ?? "", e.GetString("Detail") ?? "");
}
