using Dapper;
using MimeKit;
using PkAnalytics.Reports.Delivery;
using PkAnalytics.TestSupport;
using PkAnalytics.Warehouse.Data.Entities;
using static PkAnalytics.Reports.Tests.ReportTestKit;

namespace PkAnalytics.Reports.Tests;

/// <summary>
/// Delivery through a real SMTP server (aiosmtpd): what arrives (subject, recipient, body figures, inline chart,
/// the PDF's text), exactly once per recipient and period, refusals by scope, 5xx and 4xx answers, the size limit.
/// </summary>
public sealed class DeliveryTests(SampleReports fixture) : IClassFixture<SampleReports>
{
    [Fact]
    public async Task Kabupaten_ArrivesWithSubjectFiguresInlineChartAndPdf_AndASecondRunSendsNothing()
    {
        var id = await SubscribeAsync(fixture.Host.Subscriptions, ReportSubscription.KindKabupaten, null,
            Pimpinan("bupati.office@luwutimur.test"), Bappeda("analis@bappeda.test"));

        var first = await fixture.Host.Delivery.RunAsync(id, June2024);
        Assert.Equal(new DeliveryRunResult(2, 0, 0, 0), first);

        var messages = MessagesTo(fixture.Smtp, "bupati.office@luwutimur.test");
        var message = Assert.Single(messages);
        Assert.Equal("Laporan Kinerja Kabupaten Luwu Timur - Juni 2024", message.Subject);
        Assert.Equal("bupati.office@luwutimur.test", Assert.Single(message.To.Mailboxes).Address);
        Assert.Equal("laporan@pkanalytics.test", Assert.Single(message.From.Mailboxes).Address);

        var html = message.HtmlBody;
        Assert.Contains("Yth. Kabag Pimpinan", html);
        Assert.Contains("Rp 2.000.000", html);     // budget
        Assert.Contains("73,05 (BB)", html);        // mean SAKIP and its predicate
        Assert.Contains("Rp 300.000 (15,00%)", html); // realisation
        Assert.Contains("Kecamatan Gamma", html);   // needs attention
        var image = message.BodyParts.OfType<MimePart>().Single(p => p.ContentType.MimeType == "image/png");
        Assert.Contains($"cid:{image.ContentId}", html);
        Assert.Contains("Rp 2.000.000", message.TextBody);

        var pdf = PdfAttachment(message);
        Assert.Equal("laporan-kabupaten-2024-06.pdf", message.Attachments.OfType<MimePart>().Single().FileName);
        var pdfText = Flat(PdfText(pdf));
        Assert.Contains("Laporan Kinerja Kabupaten Luwu Timur", pdfText);
        Assert.Contains("Rp 2.000.000", pdfText);
        Assert.Contains("73,05", pdfText);

        var rows = await DeliveriesAsync(fixture.Database.DataSource, id);
        Assert.All(rows, r =>
        {
            Assert.Equal("sent", r.Status);
            Assert.Equal("attachment", r.DeliveredAs);
            Assert.Equal(1, r.Attempts);
            Assert.Contains("250", r.Detail);
        });
        await using (var c = await fixture.Database.DataSource.OpenConnectionAsync())
        {
            var audited = (await Dapper.SqlMapper.QueryAsync<string>(c,
                "select subject || ' = ' || new_value from audit_log where kind = 'report_sent' and subject like @prefix order by subject",
                new { prefix = $"Laporan langganan {id} periode 2024-06 ke %" })).ToList();
            Assert.Equal(2, audited.Count);
            Assert.All(audited, a => Assert.Contains(" = sent: Jawaban server: 250", a));
        }

        // Exactly once: the same subscription and period again (a retried job, a second process) sends nothing.
        var second = await fixture.Host.Delivery.RunAsync(id, June2024);
        Assert.Equal(new DeliveryRunResult(0, 0, 0, 2), second);
        Assert.Single(MessagesTo(fixture.Smtp, "bupati.office@luwutimur.test"));
        Assert.Single(MessagesTo(fixture.Smtp, "analis@bappeda.test"));
    }

    [Fact]
    public async Task Opd_OperatorOfAnotherAgency_GetsNothing_AndTheLogSaysWhy()
    {
        var id = await SubscribeAsync(fixture.Host.Subscriptions, ReportSubscription.KindOpd, DashboardSampleData.BetaId,
            Operator("operator.alfa@luwutimur.test", DashboardSampleData.AlfaId),
            Operator("operator.beta@luwutimur.test", DashboardSampleData.BetaId));

        var result = await fixture.Host.Delivery.RunAsync(id, June2024);

        Assert.Equal(new DeliveryRunResult(1, 0, 1, 0), result);
        Assert.Empty(MessagesTo(fixture.Smtp, "operator.alfa@luwutimur.test"));
        var rows = await DeliveriesAsync(fixture.Database.DataSource, id);
        var refused = rows.Single(r => r.Email == "operator.alfa@luwutimur.test");
        Assert.Equal("refused", refused.Status);
        Assert.Contains("Laporan OPD Dinas Beta bukan perangkat daerah penerima ini (Dinas Alfa)", refused.Detail);

        var beta = Assert.Single(MessagesTo(fixture.Smtp, "operator.beta@luwutimur.test"));
        Assert.Equal("Laporan Kinerja Dinas Beta - Juni 2024", beta.Subject);
        var text = Flat(PdfText(PdfAttachment(beta)));
        Assert.Contains("Rp 800.000", text);
        Assert.DoesNotContain("Alfa", text);
        Assert.DoesNotContain("Alfa", beta.HtmlBody);
    }

    [Fact]
    public async Task ServerAnswer5xx_IsARecordedFailure_4xxIsRetriedWithBackoff()
    {
        var id = await SubscribeAsync(fixture.Host.Subscriptions, ReportSubscription.KindKabupaten, null,
            Pimpinan("tolak.pimpinan@luwutimur.test"), Bappeda("sibuk.bappeda@luwutimur.test"));

        var result = await fixture.Host.Delivery.RunAsync(id, June2024);

        Assert.Equal(new DeliveryRunResult(0, 2, 0, 0), result);
        var rows = await DeliveriesAsync(fixture.Database.DataSource, id);
        var permanent = rows.Single(r => r.Email.StartsWith("tolak", StringComparison.Ordinal));
        Assert.Equal("failed", permanent.Status);
        Assert.Equal(1, permanent.Attempts); // a 5xx is final at once
        Assert.StartsWith("550", permanent.Detail);
        Assert.Contains("alamat tujuan tidak dikenal", permanent.Detail);
        var transient = rows.Single(r => r.Email.StartsWith("sibuk", StringComparison.Ordinal));
        Assert.Equal("failed", transient.Status);
        Assert.Equal(3, transient.Attempts); // MaxAttempts of the harness
        Assert.Contains("451", transient.Detail);
        Assert.Contains("coba lagi nanti", transient.Detail);
        Assert.Empty(MessagesTo(fixture.Smtp, "tolak.pimpinan@luwutimur.test"));

        // A failure is final for the period too: a later run does not resend it behind the log's back.
        Assert.Equal(new DeliveryRunResult(0, 0, 0, 2), await fixture.Host.Delivery.RunAsync(id, June2024));
    }

    [Fact]
    public async Task PdfOverTheSizeLimit_GoesAsALinkToTheDashboard()
    {
        await using var host = fixture.CreateHost(o => o.MaxAttachmentBytes = 10_000);
        var id = await SubscribeAsync(host.Subscriptions, ReportSubscription.KindKabupaten, null, Pimpinan("besar@luwutimur.test"));

        Assert.Equal(1, (await host.Delivery.RunAsync(id, June2024)).Sent);

        var message = Assert.Single(MessagesTo(fixture.Smtp, "besar@luwutimur.test"));
        Assert.Empty(message.Attachments);
        Assert.Contains("http://127.0.0.1:5000/laporan/kabupaten.pdf?periode=2024-06", message.HtmlBody);
        Assert.Contains("terlalu besar untuk dilampirkan", message.HtmlBody);
        Assert.Contains("Rp 2.000.000", message.HtmlBody); // the figures are still in the body
        Assert.Equal("link", Assert.Single(await DeliveriesAsync(fixture.Database.DataSource, id)).DeliveredAs);
    }

    [Fact]
    public async Task RecipientLinkedToAnAccount_ReadsWithTheAccountsRoleAtSendTime_AndADisabledAccountGetsNothing()
    {
        // An Operator account of Dinas Beta, named as recipient of the Laporan OPD Dinas Alfa (saved as Pimpinan).
        var userId = Guid.NewGuid().ToString();
        await using var connection = await fixture.Database.DataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(new CommandDefinition("""
            insert into app_role (id, name, normalized_name) values ('role-operator', 'Operator', 'OPERATOR') on conflict do nothing;
            insert into app_user (id, full_name, agency_id, is_disabled, user_name, normalized_user_name, email, normalized_email,
                                  email_confirmed, phone_number_confirmed, two_factor_enabled, lockout_enabled, access_failed_count)
            values (@userId, 'Operator Akun', @beta, false, 'akun.operator@luwutimur.test', 'AKUN.OPERATOR@LUWUTIMUR.TEST',
                    'akun.operator@luwutimur.test', 'AKUN.OPERATOR@LUWUTIMUR.TEST', true, false, false, true, 0);
            insert into app_user_role (user_id, role_id) values (@userId, 'role-operator');
            """, new { userId, beta = DashboardSampleData.BetaId }));
        var id = await fixture.Host.Subscriptions.SaveAsync(null, new Subscriptions.SubscriptionInput(ReportSubscription.KindOpd, DashboardSampleData.AlfaId,
            "Akun", "0 7 1 * *", "Asia/Makassar", true,
            [new Subscriptions.RecipientInput("tersimpan@luwutimur.test", PkAnalytics.Warehouse.Accounts.PkRoles.Pimpinan, null, null, userId)]));

        Assert.Equal(new DeliveryRunResult(0, 0, 1, 0), await fixture.Host.Delivery.RunAsync(id, June2024));
        var refused = Assert.Single(await DeliveriesAsync(fixture.Database.DataSource, id));
        Assert.Equal("akun.operator@luwutimur.test", refused.Email);
        Assert.Contains("Laporan OPD Dinas Alfa bukan perangkat daerah penerima ini (Dinas Beta)", refused.Detail);
        Assert.Empty(MessagesTo(fixture.Smtp, "tersimpan@luwutimur.test"));

        // The Admin moves the account to Dinas Alfa: the next month's report reaches it.
        await connection.ExecuteAsync(new CommandDefinition("update app_user set agency_id = @alfa where id = @userId", new { userId, alfa = DashboardSampleData.AlfaId }));
        Assert.Equal(1, (await fixture.Host.Delivery.RunAsync(id, new Model.ReportPeriod(2024, 7))).Sent);
        var message = Assert.Single(MessagesTo(fixture.Smtp, "akun.operator@luwutimur.test"));
        Assert.Equal("Laporan Kinerja Dinas Alfa - Juli 2024", message.Subject);

        // A disabled account receives nothing, and the log says why.
        await connection.ExecuteAsync(new CommandDefinition("update app_user set is_disabled = true where id = @userId", new { userId }));
        Assert.Equal(1, (await fixture.Host.Delivery.RunAsync(id, new Model.ReportPeriod(2024, 8))).Refused);
        Assert.Contains(await DeliveriesAsync(fixture.Database.DataSource, id), r => r.Period == "2024-08" && r.Detail == "Akun akun.operator@luwutimur.test dinonaktifkan.");
        Assert.Single(MessagesTo(fixture.Smtp, "akun.operator@luwutimur.test"));
    }
}
