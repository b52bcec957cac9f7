using System.Globalization;
using System.Text.Json.Nodes;
using VolunteerBot.Dialogs.Domain.Photos;
using VolunteerBot.Dialogs.Domain.Projects;
using VolunteerBot.Dialogs.Domain.Reminders;
using VolunteerBot.Dialogs.Localization;

namespace VolunteerBot.Dialogs.Cards;

/// <summary>The photo archive (R11): upload receipts, the activity chooser, the archive card with thumbnails, zip links.</summary>
public static class PhotoCards
{
    public const string BatchId = "batchId";
    public const string ProjectId = "projectId";
    public const string Quarter = "quarter";

    /// <summary>Thumbnails shown on one card (a phone screen; the zip has them all).</summary>
    public const int MaxShown = 30;

    public static readonly TimeSpan CardLinkLifetime = TimeSpan.FromHours(24);
    public static readonly TimeSpan ZipLinkLifetime = TimeSpan.FromHours(2);

    public static AdaptiveCard Receipt(Localizer L, int stored, string? projectTitle, IReadOnlyList<string> refused)
    {
        var card = new AdaptiveCard();
        if (stored > 0 && projectTitle is not null)
        {
            card.Add(El.Text("✅ " + L.Format("photos.stored", stored, projectTitle), bold: true, color: "Good"));
        }

        AddRefused(L, card, refused);
        return card;
    }

    public static void AddRefused(Localizer L, AdaptiveCard card, IReadOnlyList<string> refused)
    {
        if (refused.Count == 0)
        {
            return;
        }

        card.Add(El.Text(L.Format("photos.refusedTitle", refused.Count), bold: true, color: "Attention"));
        foreach (var line in refused)
        {
            card.Add(El.Text("• " + line, size: "Small"));
        }

        card.Add(El.Text(L["photos.refusedHelp"], subtle: true, size: "Small"));
    }

    /// <summary>Which activity do these photos belong to? Offered: the sender's recent activities.</summary>
    public static AdaptiveCard ChooseActivity(Localizer L, string batchId, int count, IReadOnlyList<Project> projects, Func<Project, string> label, IReadOnlyList<string> refused, string? error = null)
    {
        var card = new AdaptiveCard().Title(L.Format("photos.choose.title", count)).Text(L["photos.choose.intro"], subtle: true);
        card.Add(El.Choices(ProjectId, L["photos.activity"], projects.Select(p => (label(p), p.Id)), required: true, compact: projects.Count > 5, error: error));
        AddRefused(L, card, refused);
        return card.Action(Act.Execute(L["photos.choose.submit"], PhotoVerbs.File, Act.Data((BatchId, batchId)), style: "positive"));
    }

    public static AdaptiveCard Picker(Localizer L, IReadOnlyList<Project> projects, Func<Project, string> label, IReadOnlyList<Quarter> quarters, string? error = null)
    {
        var card = new AdaptiveCard().Title(L["photos.archive.title"]);
        if (projects.Count == 0)
        {
            card.Text(L["photos.archive.noProjects"], subtle: true);
        }
        else
        {
            card.Add(El.Choices(ProjectId, L["photos.activity"], projects.Select(p => (label(p), p.Id)), projects[0].Id, error: error));
            card.Add(El.Actions(Act.Execute(L["photos.archive.open"], PhotoVerbs.Show, style: "positive")));
        }

        card.Add(El.Container([
            El.Text(L["photos.archive.quarterTitle"], bold: true),
            El.Choices(Quarter, L["photos.archive.quarter"], quarters.Select(q => (L.Format("photos.quarterName", q.Year, q.Number), q.ToString())), quarters[0].ToString()),
            El.Actions(Act.Execute(L["photos.archive.quarterZip"], PhotoVerbs.Quarter)),
        ], separator: true));
        return card;
    }

    public static AdaptiveCard Archive(Localizer L, Project project, IReadOnlyList<PhotoRecord> photos, IReadOnlyList<PhotoLink> links, Func<DateTimeOffset, string> format, string? zipUrl = null)
    {
        var card = new AdaptiveCard().Title(L.Format("photos.archive.projectTitle", project.Title))
            .Text(L.Format("photos.archive.count", photos.Count), subtle: true);
        if (photos.Count == 0)
        {
            card.Text(L["photos.archive.empty"]);
        }

        var images = new JsonArray();
        foreach (var link in links.Take(MaxShown))
        {
            var photo = photos.First(p => p.PhotoId == link.PhotoId);
            var image = El.Image(link.ThumbnailUrl, L.Format("photos.alt", photo.SenderName, format(photo.ReceivedAt)), "Medium");
            image["selectAction"] = Act.OpenUrl(L["photos.original"], link.OriginalUrl);
            images.Add(image);
        }

        if (images.Count > 0)
        {
            card.Add(new JsonObject { ["type"] = "ImageSet", ["imageSize"] = "Medium", ["images"] = images });
            card.Add(El.Text(L["photos.archive.tapHint"], subtle: true, size: "Small"));
        }

        if (photos.Count > MaxShown)
        {
            card.Add(El.Text(L.Format("photos.archive.more", photos.Count - MaxShown), subtle: true));
        }

        if (photos.Count > 0)
        {
            var senders = photos.GroupBy(p => p.SenderName).Select(g => $"{g.Key} {g.Count()}");
            card.Add(El.Text(L.Format("photos.archive.senders", L.List(senders)), subtle: true, size: "Small"));
        }

        if (zipUrl is not null)
        {
            card.Add(El.Text(L["photos.zip.ready"], color: "Good"));
            card.Action(Act.OpenUrl(L["photos.zip.download"], zipUrl));
        }
        else if (photos.Count > 0)
        {
            card.Action(Act.Execute(L["photos.zip"], PhotoVerbs.Zip, Act.Data((ProjectId, project.Id)), validate: false));
        }

        return card.Action(Act.Execute(L["photos.archive.refresh"], PhotoVerbs.Show, Act.Data((ProjectId, project.Id)), validate: false));
    }

    public static AdaptiveCard QuarterZip(Localizer L, Quarter quarter, int projectCount, string? zipUrl)
    {
        var card = new AdaptiveCard().Title(L.Format("photos.quarterName", quarter.Year, quarter.Number));
        if (zipUrl is null)
        {
            return card.Text(L["photos.zip.none"]);
        }

        return card.Text(L.Format("photos.zip.quarterReady", projectCount)).Action(Act.OpenUrl(L["photos.zip.download"], zipUrl));
    }

    /// <summary>No recent activity to file the photos under (with the files refused, if any).</summary>
    public static AdaptiveCard NoActivity(Localizer L, IReadOnlyList<string> refused)
    {
        var card = new AdaptiveCard().Add(El.Text(L["photos.noActivity"], color: "Attention"));
        AddRefused(L, card, refused);
        return card;
    }
}
