using GovDataPortal.Features.Audit;
using GovDataPortal.Features.Identity;
using GovDataPortal.Features.Organisation;
using GovDataPortal.Features.Tokens;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace GovDataPortal.Infrastructure;

/// <summary>
/// The portal's one DbContext (Identity included). Each entity's configuration sits next to the entity in its
/// feature folder and is picked up by <see cref="ModelBuilder.ApplyConfigurationsFromAssembly"/>.
/// After changing the model, add a migration with <c>scripts/add-migration.sh Name</c>; a test fails while the
/// model has changes no migration covers.
/// </summary>
public class PortalDbContext(DbContextOptions<PortalDbContext> options) : IdentityDbContext<PortalUser>(options)
{
    public DbSet<Region> Regions => Set<Region>();
    public DbSet<Department> Departments => Set<Department>();
    public DbSet<DataAdministrator> DataAdministrators => Set<DataAdministrator>();
    public DbSet<AuditRecord> AuditRecords => Set<AuditRecord>();
    public DbSet<PersonalAccessToken> PersonalAccessTokens => Set<PersonalAccessToken>();
    public DbSet<UserSession> UserSessions => Set<UserSession>();
    public DbSet<PasswordHistory> PasswordHistories => Set<PasswordHistory>();
    public DbSet<Features.Calendar.CalendarDay> CalendarDays => Set<Features.Calendar.CalendarDay>();
    public DbSet<Features.Calendar.CalendarYear> CalendarYears => Set<Features.Calendar.CalendarYear>();
    public DbSet<Features.Workflow.FlowInstance> FlowInstances => Set<Features.Workflow.FlowInstance>();
    public DbSet<Features.Workflow.FlowTask> FlowTasks => Set<Features.Workflow.FlowTask>();
    public DbSet<Features.Workflow.FlowEvent> FlowEvents => Set<Features.Workflow.FlowEvent>();
    public DbSet<Features.Workflow.FlowTimer> FlowTimers => Set<Features.Workflow.FlowTimer>();
    public DbSet<Features.Workflow.FlowPartyNotice> FlowPartyNotices => Set<Features.Workflow.FlowPartyNotice>();
    public DbSet<Features.Notifications.Notification> Notifications => Set<Features.Notifications.Notification>();
    public DbSet<Features.Attachments.Attachment> Attachments => Set<Features.Attachments.Attachment>();
    public DbSet<Features.DataChecks.DataCheckRequest> DataCheckRequests => Set<Features.DataChecks.DataCheckRequest>();
    public DbSet<Features.Catalogue.ResourceClass> ResourceClasses => Set<Features.Catalogue.ResourceClass>();
    public DbSet<Features.Catalogue.CatalogueEntry> CatalogueEntries => Set<Features.Catalogue.CatalogueEntry>();
    public DbSet<Features.Catalogue.CatalogueVersion> CatalogueVersions => Set<Features.Catalogue.CatalogueVersion>();
    public DbSet<Features.Catalogue.CatalogueItem> CatalogueItems => Set<Features.Catalogue.CatalogueItem>();
    public DbSet<Features.Catalogue.CatalogueSubmission> CatalogueSubmissions => Set<Features.Catalogue.CatalogueSubmission>();
    public DbSet<Features.Catalogue.CatalogueReviewComment> CatalogueReviewComments => Set<Features.Catalogue.CatalogueReviewComment>();
    public DbSet<Features.Catalogue.ResourceCodeSequence> ResourceCodeSequences => Set<Features.Catalogue.ResourceCodeSequence>();
    public DbSet<Features.Catalogue.CatalogueChange> CatalogueChanges => Set<Features.Catalogue.CatalogueChange>();
    public DbSet<Features.Catalogue.CatalogueObligation> CatalogueObligations => Set<Features.Catalogue.CatalogueObligation>();
    public DbSet<Features.Catalogue.AuthoritativeSource> AuthoritativeSources => Set<Features.Catalogue.AuthoritativeSource>();
    public DbSet<Features.Sharing.ShareRequest> ShareRequests => Set<Features.Sharing.ShareRequest>();
    public DbSet<Features.Sharing.ShareGrant> ShareGrants => Set<Features.Sharing.ShareGrant>();
    public DbSet<Features.Sharing.GrantUse> GrantUses => Set<Features.Sharing.GrantUse>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(PortalDbContext).Assembly);
    }
}
