using VolunteerBot.Dialogs.Cards;
using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Domain.Audit;
using VolunteerBot.Dialogs.Domain.Hours;
using VolunteerBot.Dialogs.Domain.Privacy;
using VolunteerBot.Dialogs.Routing;

namespace VolunteerBot.Dialogs.Handlers.Privacy;

/// <summary>
/// 导出我的数据 / export my data (PIPL art. 45): everything the bot holds about the user as an xlsx behind an expiring
/// link, in personal chat only. Anyone may ask (an unregistered person gets what little there is, e.g. feedback).
/// </summary>
public sealed class ExportMyDataHandler(PrivacyContext ctx, IDocumentService documents) : ITurnHandler
{
    public Route Route { get; } = Route.For(Role.Anyone, ["导出我的数据", "我的个人信息", "export my data", "my data"], "privacy.export").PersonalOnly();

    public async Task<TurnResult> HandleAsync(Turn turn, CancellationToken cancellationToken)
    {
        var L = turn.L;
        var data = await ctx.GatherAsync(turn.User.AadObjectId, cancellationToken).ConfigureAwait(false);
        var names = (await ctx.Divisions.ListAsync(includeArchived: true, cancellationToken).ConfigureAwait(false)).ToDictionary(d => d.Id, d => d.Name, StringComparer.Ordinal);
        var sheet = data.ToSpreadsheet(key => L[key], id => names.GetValueOrDefault(id, id), ctx.Zone, ctx.Now);
        var link = await documents.PublishSpreadsheetAsync(sheet, turn.User.AadObjectId, cancellationToken).ConfigureAwait(false);
        await ctx.Audit.AddAsync(new AuditEvent(ctx.Now, turn.User.AadObjectId, turn.User.Name, PrivacyAudit.Exported, turn.User.AadObjectId,
            $"rows={sheet.Sheets.Sum(s => s.Rows.Count)}"), cancellationToken).ConfigureAwait(false);
        var card = PrivacyCards.ExportReady(L, sheet.Sheets.Sum(s => s.Rows.Count), ctx.Format(L, link.ExpiresAt), link.Url);
        return TurnResult.Answer(turn, card);
    }
}
