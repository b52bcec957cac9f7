using VolunteerBot.Channel;
using Microsoft.Extensions.DependencyInjection.Extensions;
using VolunteerBot.Dialogs.Domain.Gear;
using VolunteerBot.Dialogs.Domain.Hours;
using VolunteerBot.Dialogs.Domain.Photos;
using VolunteerBot.Dialogs.Domain.Projects;
using VolunteerBot.Dialogs.Domain.Team;
using VolunteerBot.Dialogs.Domain.Training;
using VolunteerBot.Dialogs.Domain.Users;
using VolunteerBot.Storage.Documents;
using VolunteerBot.Storage.Links;
using VolunteerBot.Storage.Photos;
using VolunteerBot.Storage.Reminders;

namespace VolunteerBot.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>The storage account, the start-up initializer and every Table, queue and blob store (the only Azure clients).</summary>
    public static IServiceCollection AddVolunteerStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(_ =>
        {
            var connection = configuration.GetConnectionString("Storage")
                ?? throw new InvalidOperationException("ConnectionStrings__Storage is not set. Locally use UseDevelopmentStorage=true (Azurite).");
            return new StorageAccount(connection, configuration["Storage:TablePrefix"] ?? "");
        });
        services.AddSingleton<StorageInitializer>();
        services.AddSingleton<Hosting.IStorageFaultClassifier, StorageFaultClassifier>();
        services.AddSingleton<Hosting.IBlobStore, BlobStore>();
        services.AddHostedService(sp => sp.GetRequiredService<StorageInitializer>());
        services.AddSingleton<IConversationReferenceStore, ConversationReferenceTableStore>();
        services.AddSingleton<IUserSettingsStore, UserSettingsTableStore>();
        services.AddSingleton<VolunteerTableStore>();
        services.AddSingleton<IVolunteerStore>(sp => new Dialogs.Routing.TurnScopedVolunteerStore(sp.GetRequiredService<VolunteerTableStore>()));
        services.AddSingleton<DivisionTableStore>();
        services.AddSingleton<IDivisionStore, CachedDivisionStore>();
        services.AddSingleton<ITurnUserStore, TurnUserTableStore>();
        services.AddSingleton<IStaffStore, StaffTableStore>();
        services.TryAddSingleton<Dialogs.Domain.Audit.IAuditTrail, Rules.AuditTrailTableStore>(); // issue 19 (PIPL) and 18
        services.AddSingleton<IFeedbackStore, FeedbackTableStore>();
        services.AddOptions<ReplayOptions>().BindConfiguration(ReplayOptions.Section)
            .Validate(o => o.Retention >= TimeSpan.FromMinutes(10) && o.CleanupInterval > TimeSpan.Zero && o.CleanupInitialDelay >= TimeSpan.Zero,
                "Replay:Retention must be at least 10 minutes (Teams retries a slow invoke), CleanupInterval positive, CleanupInitialDelay not negative.")
            .ValidateOnStart();
        services.AddSingleton<InvokeReplayStore>();
        services.AddSingleton<VolunteerBot.Channel.IInvokeReplays>(sp => sp.GetRequiredService<InvokeReplayStore>());
        services.AddSingleton<IProjectStore, ProjectTableStore>();
        services.AddSingleton<ISignUpStore, SignUpTableStore>();
        services.AddSingleton<SignUpReminderClaims>();
        services.TryAddSingleton<DownloadLinks>();
        services.AddSingleton<IServiceRecordStore, ServiceRecordTableStore>();
        services.AddSingleton<IServiceRecordConfirmationStore, ServiceRecordConfirmationTableStore>();
        services.AddSingleton<IPointsRulesStore, PointsRulesTableStore>();
        services.AddSingleton<ServiceRecordCopies>();
        services.AddSingleton<CertificateLog>();
        services.AddSingleton<IGearStore, GearTableStore>();
        services.AddSingleton<ITrainingStore, TrainingTableStore>();
        services.AddSingleton<IHighlightStore, HighlightTableStore>();
        services.AddSingleton<Dialogs.Domain.CheckIn.ICheckInStore, CheckIn.CheckInTableStore>();
        services.TryAddSingleton<IPhotoArchive, BlobPhotoArchive>();
        services.AddSingleton<ReminderRunStore>();
        services.AddSingleton<BroadcastPlanStore>();
        services.AddSingleton<Dialogs.Domain.Dashboard.IDashboardStore, Dashboard.DashboardTableStore>();

        // Issue 18 (R2, R4, R13–R15).
        services.AddSingleton<IPointsLedgerStore, Rules.PointsLedgerTableStore>();
        services.AddSingleton<Dialogs.Domain.Honours.IPointsPublicationStore, Rules.PointsPublicationTableStore>();
        services.AddSingleton<ICommitteeStore, Rules.CommitteeTableStore>();
        services.AddSingleton<IGearNudgeClaims, Rules.GearNudgeClaimTableStore>();
        services.AddSingleton<Dialogs.Domain.Honours.IHonourStore, Rules.HonourTableStore>();
        return services;
    }
}
