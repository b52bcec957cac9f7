using System.Globalization;
using System.Text.Json.Nodes;
using VolunteerBot.Dialogs.Domain.Photos;
using VolunteerBot.Dialogs.Domain.Projects;
using VolunteerBot.Dialogs.Localization;

namespace VolunteerBot.Dialogs.Cards;

/// <summary>Publicity (加强宣传报道): the committee composes a highlight of an activity and posts it to a team channel.</summary>
public static class PublicityCards
{
    public const string ProjectId = "projectId";
    public const string HighlightId = "highlightId";
    public const string Text = "text";
    public const string Photos = "photos";
    public const string Channel = "channel";
    public const int TextMax = 500;
    public const int MaxPhotos = 6;

    /// <summary>Links in a channel post stay valid this long (the post outlives a browsing card).</summary>
    public static readonly TimeSpan PostLinkLifetime = TimeSpan.FromDays(365);

    public static string ChannelKey(TeamChannel c) => c.TeamId + "|" + c.ChannelId;

    public static AdaptiveCard Picker(Localizer L, IReadOnlyList<Project> projects, Func<Project, string> label, string? error = null)
    {
        var card = new AdaptiveCard().Title(L["publicity.title"]).Text(L["publicity.intro"], subtle: true);
        if (projects.Count == 0)
        {
            return card.Text(L["publicity.noProjects"]);
        }

        card.Add(El.Choices(ProjectId, L["photos.activity"], projects.Select(p => (label(p), p.Id)), projects[0].Id, required: true, error: error));
        return card.Action(Act.Execute(L["publicity.next"], PublicityVerbs.Compose, style: "positive"));
    }

    public static AdaptiveCard Compose(Localizer L, Project project, string highlightId, IReadOnlyList<PhotoRecord> photos, IReadOnlyList<PhotoLink> links,
        IReadOnlyList<TeamChannel> channels, Conversation.CardData? typed = null, GearCards.Errors? errors = null)
    {
        errors ??= [];
        var card = new AdaptiveCard().Title(L.Format("publicity.composeTitle", project.Title));
        if (channels.Count == 0)
        {
            return card.Text(L["publicity.noChannels"]);
        }

        var images = new JsonArray();
        for (var i = 0; i < links.Count; i++)
        {
            images.Add(El.Image(links[i].ThumbnailUrl, L.Format("publicity.photoN", i + 1), "Small"));
        }

        if (images.Count > 0)
        {
            card.Add(new JsonObject { ["type"] = "ImageSet", ["imageSize"] = "Small", ["images"] = images });
        }

        card.Add(El.TextInput(Text, L["publicity.text"], typed?.Raw(Text), L["publicity.textPlaceholder"], required: true, maxLength: TextMax, multiline: true, error: errors.For(Text)));
        if (photos.Count > 0)
        {
            card.Add(El.Choices(Photos, L.Format("publicity.photos", MaxPhotos),
                links.Select((l, i) => (L.Format("publicity.photoChoice", i + 1, photos.First(p => p.PhotoId == l.PhotoId).SenderName), l.PhotoId)),
                typed?.Raw(Photos), multi: true, compact: false, error: errors.For(Photos)));
        }
        else
        {
            card.Add(El.Text(L["publicity.noPhotos"], subtle: true));
        }

        card.Add(El.Choices(Channel, L["publicity.channel"], channels.Select(c => (L.Joined(c.TeamName, ChannelName(L, c)), ChannelKey(c))),
            typed?.Raw(Channel) is { Length: > 0 } chosen ? chosen : ChannelKey(channels[0]), required: true, error: errors.For(Channel)));
        return card.Action(Act.Execute(L["publicity.post"], PublicityVerbs.Post, Act.Data((ProjectId, project.Id), (HighlightId, highlightId)), style: "positive"));
    }

    public static string ChannelName(Localizer L, TeamChannel c) => c.ChannelId == c.TeamId ? L["publicity.general"] : c.ChannelName;

    /// <summary>The post itself, as the team sees it in the channel.</summary>
    public static AdaptiveCard Post(Localizer L, Project project, string text, IReadOnlyList<PhotoLink> links, TimeZoneInfo zone)
    {
        var card = new AdaptiveCard()
            .Add(El.Text(L["publicity.postHeader"], subtle: true, size: "Small"))
            .Title(Markdown.Escape(project.Title))
            .Text(L.Format("publicity.postWhen", L.Date(ProjectCalendar.ToLocal(project.Start, zone)), Markdown.Escape(project.Place)), subtle: true)
            .Text(text);
        if (links.Count > 0)
        {
            var images = new JsonArray();
            foreach (var l in links)
            {
                var image = El.Image(l.ThumbnailUrl, project.Title, "Medium");
                image["selectAction"] = Act.OpenUrl(L["photos.original"], l.OriginalUrl);
                images.Add(image);
            }

            card.Add(new JsonObject { ["type"] = "ImageSet", ["imageSize"] = "Medium", ["images"] = images });
        }

        return card;
    }

    public static AdaptiveCard Posted(Localizer L, TeamChannel channel, bool already) => new AdaptiveCard()
        .Add(El.Text("✅ " + L.Format(already ? "publicity.alreadyPosted" : "publicity.posted", channel.TeamName, ChannelName(L, channel)), bold: true, color: "Good"));
}
