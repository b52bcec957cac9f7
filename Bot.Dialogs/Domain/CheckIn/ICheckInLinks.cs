namespace VolunteerBot.Dialogs.Domain.CheckIn;

/// <summary>What the venue card shows besides the code: the Teams deep link and its QR image.</summary>
/// <param name="DeepLink">Opens the chat with the bot with <c>签到 {code}</c> typed in the compose box.</param>
/// <param name="QrImageDataUri">A PNG of the QR code of <paramref name="DeepLink"/>, as a <c>data:image/png;base64,…</c> URI.</param>
public sealed record CheckInLink(string DeepLink, string QrImageDataUri);

/// <summary>Makes the deep link and QR image for a code; implemented in <c>Bot</c> (it knows the bot's app id).</summary>
public interface ICheckInLinks
{
    CheckInLink For(string code);
}
