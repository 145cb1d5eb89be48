resource "aws_vpclattice_service" "broken" {
  name = "orders"
  # the value below is cut short
  auth_type = ]
}
