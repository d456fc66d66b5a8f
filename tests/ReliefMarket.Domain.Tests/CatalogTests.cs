namespace ReliefMarket.Domain.Tests;

public class CatalogTests
{
    private static Product NewProduct() =>
        TestData.Product(1, TestData.Producer(1, TestData.Village(1, TestData.County())));

    [Fact]
    public void Sourcing_shares_must_sum_to_exactly_ten_thousand_basis_points()
    {
        var producer = TestData.Producer(1, TestData.Village(1, TestData.County()));
        Assert.Throws<DomainException>(() => producer.SetSourcingShares([new(1, 6000), new(2, 3999)]));
        Assert.Throws<DomainException>(() => producer.SetSourcingShares([new(1, 6000), new(2, 4001)]));
        Assert.Throws<DomainException>(() => producer.SetSourcingShares([new(1, 10_000), new(2, 0)]));
        Assert.Throws<DomainException>(() => producer.SetSourcingShares([new(1, 5000), new(1, 5000)]));
        Assert.Throws<DomainException>(() => producer.SetSourcingShares([]));
        producer.SetSourcingShares([new(1, 6000), new(2, 4000)]);
        Assert.Equal(2, producer.SourcingShares.Count);
    }

    [Fact]
    public void A_failed_change_of_shares_keeps_the_old_ones()
    {
        var producer = TestData.Producer(1, TestData.Village(1, TestData.County()));
        Assert.Throws<DomainException>(() => producer.SetSourcingShares([new(2, 5000)]));
        Assert.Equal([new SourcingShare(1, 10_000)], producer.SourcingShares);
    }

    [Fact]
    public void Village_figures_must_be_consistent()
    {
        var county = TestData.County();
        Assert.Throws<DomainException>(() => new Village(county, null, "v", TestData.T("村"), 10, 5, true, false, TestData.T(""), false));
        Assert.Throws<DomainException>(() => new Village(county, null, "Bad Code", TestData.T("村"), 1, 1, true, false, TestData.T(""), false));
        var otherTownship = new Township(TestData.County(2), "t", TestData.T("镇"));
        Assert.Throws<DomainException>(() => new Village(county, otherTownship, "v", TestData.T("村"), 1, 1, true, false, TestData.T(""), false));
    }

    [Fact]
    public void Certification_lifecycle_draft_pending_certified_expired()
    {
        var product = NewProduct();
        Assert.Equal(CertificationStatus.Draft, product.CertificationStatus);
        Assert.Throws<DomainException>(() => product.Certify("No.1", 1, TestData.Today.AddYears(1), TestData.Today));

        product.SubmitForCertification();
        product.Certify(" HZ-2026-001 ", 1, TestData.Today.AddDays(30), TestData.Today);
        Assert.Equal(CertificationStatus.Certified, product.CertificationStatus);
        Assert.Equal("HZ-2026-001", product.CertificateNumber);
        Assert.True(product.IsCertifiedOn(TestData.Today.AddDays(30)));
        Assert.False(product.IsCertifiedOn(TestData.Today.AddDays(31)));

        Assert.False(product.ExpireIfLapsed(TestData.Today.AddDays(30)));
        Assert.True(product.ExpireIfLapsed(TestData.Today.AddDays(31)));
        Assert.Equal(CertificationStatus.Expired, product.CertificationStatus);
        Assert.False(product.IsCertifiedOn(TestData.Today));
    }

    [Fact]
    public void Certification_can_be_rejected_with_a_reason_and_resubmitted()
    {
        var product = NewProduct();
        product.SubmitForCertification();
        Assert.Throws<DomainException>(() => product.Reject(" "));
        product.Reject("缺少产地证明");
        Assert.Equal(CertificationStatus.Rejected, product.CertificationStatus);
        Assert.Equal("缺少产地证明", product.CertificationNote);
        Assert.Throws<DomainException>(() => product.Withdraw("x"));
        product.SubmitForCertification();
        Assert.Equal(CertificationStatus.PendingCertification, product.CertificationStatus);
        Assert.Null(product.CertificationNote);
    }

    [Fact]
    public void Certified_listings_can_be_withdrawn_but_not_certified_twice()
    {
        var product = NewProduct();
        product.SubmitForCertification();
        Assert.Throws<DomainException>(() => product.Certify("", 1, TestData.Today, TestData.Today));
        Assert.Throws<DomainException>(() => product.Certify("N", 1, TestData.Today.AddDays(-1), TestData.Today));
        product.Certify("N", 1, TestData.Today, TestData.Today);
        Assert.Throws<DomainException>(() => product.Certify("N", 1, TestData.Today, TestData.Today));
        Assert.Throws<DomainException>(() => product.SubmitForCertification());
        product.Withdraw("质量抽检不合格");
        Assert.Equal(CertificationStatus.Withdrawn, product.CertificationStatus);
        Assert.False(product.IsCertifiedOn(TestData.Today));
    }

    [Fact]
    public void Price_and_stock_are_guarded()
    {
        var product = NewProduct();
        Assert.Throws<DomainException>(() => product.ChangePrice(Money.Zero));
        Assert.Throws<DomainException>(() => product.SetStock(-1));
        Assert.Throws<DomainException>(() => product.TakeStock(101));
        product.TakeStock(100);
        Assert.Equal(0, product.Stock);
        Assert.Throws<DomainException>(() => product.TakeStock(1));
        product.ReturnStock(3);
        Assert.Equal(3, product.Stock);
    }
}

public class BankAccountTests
{
    [Theory]
    [InlineData("", "中国农业银行", "草海支行", "6228480123456789")]
    [InlineData("合作社", "中国农业银行", "草海支行", "1234567")]
    [InlineData("合作社", "中国农业银行", "草海支行", "62284801234567890123456789012345")]
    [InlineData("合作社", "中国农业银行", "草海支行", "6228-4801-2345")]
    public void A_bank_account_needs_names_and_8_to_30_digits(string name, string bank, string branch, string number) =>
        Assert.Throws<DomainException>(() => BankAccount.Create(name, bank, branch, number));

    [Fact]
    public void Spaces_in_the_number_are_ignored_and_everyone_but_an_administrator_sees_the_last_four_digits()
    {
        var account = BankAccount.Create(" 合作社 ", "中国农业银行", "草海支行", "6228 4801 2345 6789");
        Assert.Equal(("合作社", "6228480123456789", "****6789"), (account.AccountName, account.AccountNumber, account.MaskedNumber));
    }
}
