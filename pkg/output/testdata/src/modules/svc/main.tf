resource "aws_vpclattice_service" "this" {
  name      = var.name
  auth_type = "AWS_IAM"
  tags      = { "名前" = "支払い🚀", team = "café", owner = "ops" }
}
