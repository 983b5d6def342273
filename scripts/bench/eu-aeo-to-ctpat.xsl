<?xml version="1.0" encoding="UTF-8"?>
<!--
  The eu-aeo → ctpat translation as an XSLT 1.0 stylesheet (with EXSLT str:tokenize), for the
  translation benchmark only: `mra-benchmarks` times `xsltproc` with it against `mra-gateway translate`
  on the same generated file. It does what Mappings/eu-aeo.xml and Mappings/ctpat.xml make the gateway do
  for a valid list (codes, dates, clean-ups, the element order of ctpat-1.xsd); it checks nothing
  (no schema, no rules), so it is the cheaper job.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:aeo="urn:eu:taxud:aeo:mra-list:1" xmlns:ct="urn:us:cbp:ctpat:mra-exchange:1"
                xmlns:str="http://exslt.org/strings" extension-element-prefixes="str" exclude-result-prefixes="aeo">
  <xsl:output method="xml" encoding="UTF-8" indent="yes"/>

  <xsl:template match="/aeo:AEOMutualRecognitionList">
    <ct:CTPATPartnerExchange schemaVersion="1.0">
      <ct:ExchangeHeader>
        <ct:BatchID><xsl:value-of select="aeo:Header/aeo:MessageReference"/></ct:BatchID>
        <ct:TransmissionType><xsl:value-of select="aeo:Header/aeo:ListType"/></ct:TransmissionType>
        <ct:CreatedDateTime><xsl:value-of select="aeo:Header/aeo:PreparationDateTime"/></ct:CreatedDateTime>
      </ct:ExchangeHeader>
      <ct:Partners>
        <xsl:apply-templates select="aeo:AEOHolders/aeo:AEOHolder"/>
      </ct:Partners>
    </ct:CTPATPartnerExchange>
  </xsl:template>

  <xsl:template match="aeo:AEOHolder">
    <xsl:variable name="programme" select="/aeo:AEOMutualRecognitionList/aeo:Header/aeo:ProgrammeCode"/>
    <ct:Partner>
      <ct:ProgramCode><xsl:value-of select="translate($programme, '-', '_')"/></ct:ProgramCode>
      <ct:ParticipantID>
        <xsl:value-of select="translate(normalize-space(aeo:AuthorisationNumber), 'abcdefghijklmnopqrstuvwxyz ', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ')"/>
      </ct:ParticipantID>
      <ct:ParticipantIDType>
        <xsl:choose>
          <xsl:when test="aeo:AuthorisationNumber/@scheme"><xsl:value-of select="aeo:AuthorisationNumber/@scheme"/></xsl:when>
          <xsl:otherwise>EU-AEO</xsl:otherwise>
        </xsl:choose>
      </ct:ParticipantIDType>
      <ct:LegalBusinessName><xsl:value-of select="normalize-space(aeo:Name)"/></ct:LegalBusinessName>
      <ct:Address>
        <ct:StreetAddress><xsl:value-of select="normalize-space(aeo:Address/aeo:StreetAndNumber)"/></ct:StreetAddress>
        <ct:City><xsl:value-of select="normalize-space(aeo:Address/aeo:City)"/></ct:City>
        <xsl:if test="aeo:Address/aeo:Postcode">
          <ct:PostalCode><xsl:value-of select="normalize-space(aeo:Address/aeo:Postcode)"/></ct:PostalCode>
        </xsl:if>
        <ct:CountryCode><xsl:value-of select="normalize-space(aeo:Address/aeo:Country)"/></ct:CountryCode>
      </ct:Address>
      <xsl:if test="normalize-space(aeo:SupplyChainRoles)">
        <ct:BusinessTypes>
          <xsl:for-each select="str:tokenize(aeo:SupplyChainRoles, ' ')">
            <ct:BusinessType><xsl:call-template name="role"><xsl:with-param name="code" select="."/></xsl:call-template></ct:BusinessType>
          </xsl:for-each>
        </ct:BusinessTypes>
      </xsl:if>
      <ct:Certification>
        <ct:Tier>
          <xsl:choose>
            <xsl:when test="starts-with(aeo:Authorisation/@type, 'CTPAT-T')">
              <xsl:value-of select="concat('TIER_', substring-after(aeo:Authorisation/@type, 'CTPAT-T'))"/>
            </xsl:when>
            <xsl:otherwise><xsl:value-of select="aeo:Authorisation/@type"/></xsl:otherwise>
          </xsl:choose>
        </ct:Tier>
        <ct:CertificationStatus>
          <xsl:variable name="status" select="aeo:Status/@code"/>
          <xsl:choose>
            <xsl:when test="$status = 'VALID'">CERTIFIED</xsl:when>
            <xsl:when test="$status = 'SUSPENDED'">SUSPENDED</xsl:when>
            <xsl:when test="$status = 'REVOKED-ON-REQUEST'">WITHDRAWN</xsl:when>
            <xsl:otherwise>REMOVED</xsl:otherwise>
          </xsl:choose>
        </ct:CertificationStatus>
        <xsl:if test="aeo:Status/@reason">
          <ct:StatusReason><xsl:value-of select="aeo:Status/@reason"/></ct:StatusReason>
        </xsl:if>
        <ct:StatusEffectiveDate><xsl:call-template name="date"><xsl:with-param name="compact" select="aeo:Status/@date"/></xsl:call-template></ct:StatusEffectiveDate>
        <ct:CertifiedDate><xsl:call-template name="date"><xsl:with-param name="compact" select="aeo:Authorisation/@date"/></xsl:call-template></ct:CertifiedDate>
      </ct:Certification>
      <xsl:if test="aeo:USManufacturerIDs/aeo:MID">
        <ct:MIDs>
          <xsl:for-each select="aeo:USManufacturerIDs/aeo:MID"><ct:MID><xsl:value-of select="normalize-space(.)"/></ct:MID></xsl:for-each>
        </ct:MIDs>
      </xsl:if>
      <xsl:if test="aeo:EORI">
        <ct:AdditionalIdentifiers>
          <ct:Identifier>
            <ct:IdentifierType>EORI</ct:IdentifierType>
            <ct:IdentifierValue><xsl:value-of select="normalize-space(aeo:EORI)"/></ct:IdentifierValue>
          </ct:Identifier>
        </ct:AdditionalIdentifiers>
      </xsl:if>
      <ct:DataSharingConsent>
        <xsl:choose><xsl:when test="aeo:Consent/@given = '1'">Y</xsl:when><xsl:otherwise>N</xsl:otherwise></xsl:choose>
      </ct:DataSharingConsent>
    </ct:Partner>
  </xsl:template>

  <!-- yyyyMMdd → yyyy-MM-dd -->
  <xsl:template name="date">
    <xsl:param name="compact"/>
    <xsl:value-of select="concat(substring($compact, 1, 4), '-', substring($compact, 5, 2), '-', substring($compact, 7, 2))"/>
  </xsl:template>

  <xsl:template name="role">
    <xsl:param name="code"/>
    <xsl:choose>
      <xsl:when test="$code = 'MF'">FOREIGN_MANUFACTURER</xsl:when>
      <xsl:when test="$code = 'EX'">EXPORTER</xsl:when>
      <xsl:when test="$code = 'IM'">IMPORTER</xsl:when>
      <xsl:when test="$code = 'CB'">CUSTOMS_BROKER</xsl:when>
      <xsl:when test="$code = 'CA'">CARRIER</xsl:when>
      <xsl:when test="$code = 'FF'">FREIGHT_FORWARDER</xsl:when>
      <xsl:when test="$code = 'CO'">CONSOLIDATOR</xsl:when>
      <xsl:when test="$code = 'WK'">WAREHOUSE_OPERATOR</xsl:when>
      <xsl:when test="$code = 'LP'">THIRD_PARTY_LOGISTICS</xsl:when>
      <xsl:when test="$code = 'TO'">MARINE_PORT_TERMINAL_OPERATOR</xsl:when>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
