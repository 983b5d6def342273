/// Plausible company names and addresses for synthetic lists, in the
/// script and language of the program's country where one is known.
struct CompanyNames: Sendable {
    private let stems: [String]
    private let forms: [String]
    private let streets: [String]
    private let cities: [String]
    private let regions: [String]

    init(country: String) {
        switch country {
        case "EU", "DE", "AT":
            stems = [
                "Müller", "Schäfer", "Weißbräu", "Größner", "Köhler", "Łukasiewicz", "Dvořák", "Søndergaard", "Ibáñez",
                "Gonçalves", "Lefèvre", "Nagy-Ördög",
            ]
            forms = ["GmbH", "AG", "S.A.", "s.r.o.", "Sp. z o.o.", "B.V.", "S.p.A.", "A/S", "Kft.", "SAS"]
            streets = [
                "Hafenstraße", "Rue de la Paix", "Calle Mayor", "Ulica Piotrkowska", "Václavské náměstí", "Strandvägen",
                "Via Roma", "Rua Augusta",
            ]
            cities = ["Hamburg", "Lyon", "Sevilla", "Łódź", "Brno", "Göteborg", "Milano", "Porto", "Győr", "Linz"]
            regions = [
                "Hamburg", "Auvergne-Rhône-Alpes", "Andalucía", "Łódzkie", "Jihomoravský kraj", "Västra Götaland",
            ]
        default:
            stems = [
                "Atlantic", "Great Lakes", "Pioneer", "Summit", "Bayou", "Cascade", "Lone Star", "Keystone", "Redwood",
                "Harbor",
            ]
            forms = ["Inc.", "LLC", "Corp.", "Co.", "L.P."]
            streets = ["Main Street", "Harbor Boulevard", "Commerce Drive", "Industrial Parkway", "Port Road"]
            cities = ["Long Beach", "Houston", "Savannah", "Newark", "Laredo", "Detroit", "Seattle", "Miami"]
            regions = ["CA", "TX", "GA", "NJ", "MI", "WA", "FL"]
        }
    }

    func name(_ random: inout SplitMix64) -> String {
        "\(stems[random.below(stems.count)]) \(["Logistics", "Trading", "Industries", "Manufacturing", "Freight", "Supply"][random.below(6)]) \(forms[random.below(forms.count)])"
    }
    func street(_ random: inout SplitMix64) -> String {
        "\(streets[random.below(streets.count)]) \(1 + random.below(400))"
    }
    func city(_ random: inout SplitMix64) -> String { cities[random.below(cities.count)] }
    func region(_ random: inout SplitMix64) -> String { regions[random.below(regions.count)] }
}
